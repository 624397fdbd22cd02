from mec_lint.fast_cli import main

main()
