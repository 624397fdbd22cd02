from mec_lint.cli import main

main()
