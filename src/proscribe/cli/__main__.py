from proscribe.cli import main

main()
