"""Built-in mec-lint rules, installed as the ``mec_lint.rules`` package.

One module per rule (or per small family of codes that one check produces): metadata in
``RULES``, the input it reads in ``SCOPE`` and one ``check`` function. The registry finds
every module here; nothing else needs to be edited to add a rule.
"""
