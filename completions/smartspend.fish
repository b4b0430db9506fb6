# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_smartspend_global_optspecs
    string join \n home= u/user= passphrase-file= color= h/help V/version
end

function __fish_smartspend_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_smartspend_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_smartspend_using_subcommand
    set -l cmd (__fish_smartspend_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c smartspend -n "__fish_smartspend_needs_command" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_needs_command" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_needs_command" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_needs_command" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_needs_command" -s V -l version -d 'Print version'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "user" -d 'Create, list, remove users and change their passphrase'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "unlock" -d 'Keep the derived key in the OS keyring so that later commands need no passphrase'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "lock" -d 'Remove the key from the OS keyring'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "import" -d 'Import bank CSV exports into the ledger'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "imports" -d 'List past imports, or undo one'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "profiles" -d 'List, show and detect CSV mapping profiles'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "tx" -d 'List, show, add, edit, delete and correct transactions'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "review" -d 'Go through uncategorized and doubtful transactions, merchant by merchant, and teach smartspend their categories'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "report" -d 'A dashboard of a month (default: this month so far) or any period: income, spending, categories against budgets, trend, merchants, recurring payments'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "budget" -d 'Monthly budgets per category, shown in `report`'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "export" -d 'Write transactions as CSV, JSON, a ledger (hledger) or a beancount journal'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "coach" -d 'A coaching report on a month (default: last month): what went well, what to watch, three things to do. Stored in the ledger; runs unattended from cron'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "redact" -d 'Print statement lines as smartspend would send them to a remote service: with card, account and ID numbers, IBANs, phones, emails, names and addresses replaced'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "categories" -d 'List, add, rename and remove categories'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "rules" -d 'Manage categorization rules'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "categorize" -d 'Re-run categorization over the ledger'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "ai" -d 'API keys and cached answers of the remote AI (the ai and llm sections of config.toml)'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "status" -d 'Unlock the ledger and show what it holds'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "config" -d 'Show or create the configuration'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "completions" -d 'Print shell completions, or write them and the man page to a folder'
complete -c smartspend -n "__fish_smartspend_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -f -a "add" -d 'Create a user with a new encrypted ledger (asks for a passphrase twice)'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -f -a "list" -d 'List users'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -f -a "remove" -d 'Delete a user and their ledger, for good'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -f -a "passwd" -d 'Change the passphrase: re-encrypts the ledger under a new key, atomically'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and not __fish_seen_subcommand_from add list remove passwd help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from add" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from add" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from list" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from list" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from remove" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from remove" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from passwd" -l new-passphrase-file -d 'Read the new passphrase from FILE (else SMARTSPEND_NEW_PASSPHRASE, else a prompt)' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from passwd" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from passwd" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from passwd" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from passwd" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Create a user with a new encrypted ledger (asks for a passphrase twice)'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete a user and their ledger, for good'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Change the passphrase: re-encrypts the ledger under a new key, atomically'
complete -c smartspend -n "__fish_smartspend_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand unlock" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand unlock" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand unlock" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand unlock" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand unlock" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand lock" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand lock" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand lock" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand lock" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand lock" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -s a -l account -d 'Account the transactions belong to (created if new; default: the profile\'s, or "main")' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -s p -l profile -d 'Read the files with this profile instead of choosing one' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -s n -l dry-run -d 'Read and check everything, report what would happen, change nothing'
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -l skip-invalid -d 'Import the good rows and list the bad ones (default: import nothing if any row is bad)'
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -s y -l yes -d 'Accept a detected layout without asking, even where detection is unsure'
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -l no-ai -d 'Do not ask the remote AI this time (its cached answers still apply)'
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -l json -d 'Print the summary as JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand import" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and not __fish_seen_subcommand_from list undo help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and not __fish_seen_subcommand_from list undo help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and not __fish_seen_subcommand_from list undo help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and not __fish_seen_subcommand_from list undo help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and not __fish_seen_subcommand_from list undo help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and not __fish_seen_subcommand_from list undo help" -f -a "list" -d 'List import batches, newest first'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and not __fish_seen_subcommand_from list undo help" -f -a "undo" -d 'Remove exactly the transactions of one import batch'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and not __fish_seen_subcommand_from list undo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from list" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from list" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from undo" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from undo" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from undo" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from undo" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from undo" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from help" -f -a "list" -d 'List import batches, newest first'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from help" -f -a "undo" -d 'Remove exactly the transactions of one import batch'
complete -c smartspend -n "__fish_smartspend_using_subcommand imports; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -f -a "list" -d 'List built-in and user profiles'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -f -a "show" -d 'Print a profile as TOML'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -f -a "detect" -d 'Work out a profile from a file\'s content and print it as TOML'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and not __fish_seen_subcommand_from list show detect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from list" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from list" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from show" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from show" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from detect" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from detect" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from detect" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from detect" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from detect" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "list" -d 'List built-in and user profiles'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a profile as TOML'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "detect" -d 'Work out a profile from a file\'s content and print it as TOML'
complete -c smartspend -n "__fish_smartspend_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -f -a "list" -d 'List transactions (newest first), with filters'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -f -a "show" -d 'Everything about one transaction: raw line, merchant key, how it was categorized'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -f -a "add" -d 'Add a transaction by hand (cash, a missing row)'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -f -a "edit" -d 'Change a transaction\'s date, amount, description, note or category'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -f -a "delete" -d 'Delete a transaction'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -f -a "categorize" -d 'Correct a transaction\'s category. By default this also makes a rule on its merchant, applied to the merchant\'s other transactions now and in later imports'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and not __fish_seen_subcommand_from list show add edit delete categorize help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l month -d 'Only this month: YYYY-MM, `this` or `last`' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l from -d 'From this day on (YYYY-MM-DD, included)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l to -d 'Up to this day (YYYY-MM-DD, included)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l account -d 'Only this account' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l category -d 'Only this category' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l source -d 'Only transactions categorized this way' -r -f -a "manual\t''
rule\t''
learned\t''
lexicon\t''
ai\t''
none\t'Not categorized'"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l min -d 'Only amounts of at least this size (money in or out), e.g. 100 or 99.50' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l max -d 'Only amounts of at most this size (money in or out)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l search -d 'Only transactions whose description, note or merchant contains TEXT (any case)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l sort -d 'Order of the rows' -r -f -a "date\t'Newest first'
amount\t'Largest amounts first (money in or out)'
description\t'A to Z'
category\t'A to Z, uncategorized last'
id\t'Order of entry'"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -s l -l limit -d 'Show at most N transactions' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l uncategorized -d 'Only transactions without a category'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -s r -l reverse -d 'Reverse the order'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l json -d 'Print JSON: an array of objects with id, date, amount (decimal string, negative = money out), currency, description, category, source, account, note'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -l csv -d 'Print CSV with the same fields as --json'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from show" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from show" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from show" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l amount -d 'The amount: negative for money out, e.g. -4.50' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l date -d 'The day (YYYY-MM-DD; default today)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l account -d 'The account (made if new)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l currency -d 'ISO 4217 code (default: the account\'s, then `import.currency`)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l category -d 'Its category (default: what the rules, model and lexicon say)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l note -d 'A note of your own' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -l date -d 'New day (YYYY-MM-DD)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -l amount -d 'New amount, negative for money out' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -l description -d 'New description' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -l note -d 'New note (an empty one removes it)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -l category -d 'Set the category by hand for this transaction only (`tx categorize` also makes a rule for its merchant)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from delete" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from delete" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from delete" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from categorize" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from categorize" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from categorize" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from categorize" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from categorize" -l no-rule -d 'Correct only this transaction; make no rule'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from categorize" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "list" -d 'List transactions (newest first), with filters'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "show" -d 'Everything about one transaction: raw line, merchant key, how it was categorized'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a transaction by hand (cash, a missing row)'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a transaction\'s date, amount, description, note or category'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a transaction'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "categorize" -d 'Correct a transaction\'s category. By default this also makes a rule on its merchant, applied to the merchant\'s other transactions now and in later imports'
complete -c smartspend -n "__fish_smartspend_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand review" -s l -l limit -d 'Ask about at most N merchants' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand review" -l account -d 'Only this account' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand review" -l month -d 'Only this month: YYYY-MM, `this` or `last`' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand review" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand review" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand review" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand review" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand review" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l month -d 'Only this month: YYYY-MM, `this` or `last`' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l from -d 'From this day on (YYYY-MM-DD, included)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l to -d 'Up to this day (YYYY-MM-DD, included)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l account -d 'Only this account' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l json -d 'Print the figures as JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -l csv -d 'Print the figures as CSV (section, currency, name, figure, value)'
complete -c smartspend -n "__fish_smartspend_using_subcommand report" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -f -a "set" -d 'Set a category\'s monthly budget (every month, or one month with --month)'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -f -a "list" -d 'List budgets'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -f -a "remove" -d 'Remove a category\'s budget (the every-month one, or one month\'s with --month)'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and not __fish_seen_subcommand_from set list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from set" -l month -d 'Only for this month (YYYY-MM, `this` or `last`)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from set" -l currency -d 'ISO 4217 code (default: `import.currency`, else the ledger\'s main currency)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from set" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from set" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from set" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from set" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from list" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from list" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from remove" -l month -r
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from remove" -l currency -r
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from remove" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from remove" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a category\'s monthly budget (every month, or one month with --month)'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from help" -f -a "list" -d 'List budgets'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a category\'s budget (the every-month one, or one month\'s with --month)'
complete -c smartspend -n "__fish_smartspend_using_subcommand budget; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -s f -l format -d 'What to write' -r -f -a "csv\t''
json\t''
ledger\t'hledger / Ledger journal'
beancount\t'beancount journal'"
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -l month -d 'Only this month: YYYY-MM, `this` or `last`' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -l from -d 'From this day on (YYYY-MM-DD, included)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -l to -d 'Up to this day (YYYY-MM-DD, included)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -l account -d 'Only this account' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -s o -l output -d 'Write to FILE (owner-only, replaced atomically) instead of stdout' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -l month -d 'The month: YYYY-MM, `last` (the default) or `this`' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -s o -l out -d 'Write the report to FILE (owner-only, replaced atomically) instead of stdout' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -l format -d 'Markdown, plain text, or JSON with the facts and the actions' -r -f -a "md\t''
text\t''
json\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -l dry-run -d 'Print exactly what would be sent to a model, send nothing and store nothing'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -f -a "history" -d 'List the stored reports'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -f -a "show" -d 'Print a stored report again'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and not __fish_seen_subcommand_from history show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from history" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from history" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from history" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from history" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from history" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from show" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from show" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from help" -f -a "history" -d 'List the stored reports'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a stored report again'
complete -c smartspend -n "__fish_smartspend_using_subcommand coach; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand redact" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand redact" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand redact" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand redact" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand redact" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -f -a "list" -d 'List categories and how many transactions each holds'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -f -a "add" -d 'Add a category'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -f -a "rename" -d 'Rename a category (its transactions and rules follow)'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -f -a "remove" -d 'Remove a category; its transactions and rules move to another one, or are left uncategorized and deleted'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and not __fish_seen_subcommand_from list add rename remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from list" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from list" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from add" -l kind -d 'What kind of money it is' -r -f -a "expense\t''
income\t''
transfer\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from add" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from add" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from rename" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from rename" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from rename" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from rename" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from remove" -l move-to -d 'Move its transactions and rules to this category' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from remove" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from remove" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from remove" -l uncategorize -d 'Leave its transactions uncategorized and delete its rules'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from help" -f -a "list" -d 'List categories and how many transactions each holds'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a category'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a category (its transactions and rules follow)'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a category; its transactions and rules move to another one, or are left uncategorized and deleted'
complete -c smartspend -n "__fish_smartspend_using_subcommand categories; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -f -a "list" -d 'List rules'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -f -a "add" -d 'Add a rule and apply it to the transactions not categorized by hand'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -f -a "edit" -d 'Change a rule'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -f -a "remove" -d 'Remove a rule'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -f -a "export" -d 'Print every rule as TOML (for `rules import`, version control, another machine)'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -f -a "import" -d 'Add the rules of a TOML file written by `rules export`'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -f -a "test" -d 'Show which rule wins for a description, which others match, and what the model and the lexicon would say'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and not __fish_seen_subcommand_from list add edit remove export import test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from list" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from list" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from list" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l amount-min -d 'Only amounts of at least X (absolute value, e.g. 10 or 10.50)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l amount-max -d 'Only amounts of at most Y (absolute value)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l direction -d 'Only money in or only money out' -r -f -a "in\t'Money in (amount > 0)'
out\t'Money out (amount < 0)'"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l account -d 'Only transactions of this account' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l priority -d 'Higher wins when several rules match' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l regex -d 'Match the pattern as a regular expression'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l word -d 'Match the pattern as a whole word'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l merchant -d 'Match the pattern against the merchant key exactly'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -l substring -d 'Match the pattern anywhere in the description (the default)'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l pattern -d 'New pattern' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l category -d 'New category' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l amount-min -d 'Only amounts of at least X (absolute value, e.g. 10 or 10.50)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l amount-max -d 'Only amounts of at most Y (absolute value)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l direction -d 'Only money in or only money out' -r -f -a "in\t'Money in (amount > 0)'
out\t'Money out (amount < 0)'"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l account -d 'Only transactions of this account' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l priority -d 'Higher wins when several rules match' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l regex -d 'Match the pattern as a regular expression'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l word -d 'Match the pattern as a whole word'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l merchant -d 'Match the pattern against the merchant key exactly'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -l substring -d 'Match the pattern anywhere in the description (the default)'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from remove" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from remove" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from export" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from export" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from export" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from import" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from import" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from import" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from import" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from test" -l amount -d 'The amount (negative = money out)' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from test" -l account -d 'The account name' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from test" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from test" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from test" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from test" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "list" -d 'List rules'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a rule and apply it to the transactions not categorized by hand'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a rule'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a rule'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print every rule as TOML (for `rules import`, version control, another machine)'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add the rules of a TOML file written by `rules export`'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "test" -d 'Show which rule wins for a description, which others match, and what the model and the lexicon would say'
complete -c smartspend -n "__fish_smartspend_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -l uncategorized -d 'Only transactions without a category (the default)'
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -l all -d 'Every transaction not categorized by hand'
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -s n -l dry-run -d 'Show what would change, change nothing (the remote AI answers from its cache only)'
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -l no-ai -d 'Do not ask the remote AI this time'
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand categorize" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -f -a "key" -d 'Keep an API key in the OS keyring (read from a hidden prompt, or from stdin)'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -f -a "status" -d 'Show the provider in use, where its key comes from, and the cached answers'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -f -a "forget" -d 'Forget the cached answers, so that the provider is asked again'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and not __fish_seen_subcommand_from key status forget help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from key" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from key" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from key" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from key" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from key" -f -a "set" -d 'Store the key of a provider: huggingface, openai or llm (default: the provider in use)'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from key" -f -a "remove" -d 'Remove a stored key'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from key" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from status" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from status" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from status" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from forget" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from forget" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from forget" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from forget" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from forget" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from help" -f -a "key" -d 'Keep an API key in the OS keyring (read from a hidden prompt, or from stdin)'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the provider in use, where its key comes from, and the cached answers'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from help" -f -a "forget" -d 'Forget the cached answers, so that the provider is asked again'
complete -c smartspend -n "__fish_smartspend_using_subcommand ai; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand status" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand status" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand status" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand status" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand status" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and not __fish_seen_subcommand_from show init help" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and not __fish_seen_subcommand_from show init help" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and not __fish_seen_subcommand_from show init help" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and not __fish_seen_subcommand_from show init help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and not __fish_seen_subcommand_from show init help" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and not __fish_seen_subcommand_from show init help" -f -a "show" -d 'Print every setting in force and where it came from'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and not __fish_seen_subcommand_from show init help" -f -a "init" -d 'Write a commented example config.toml (if there is none yet)'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and not __fish_seen_subcommand_from show init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from show" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from show" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print JSON'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from init" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from init" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from init" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every setting in force and where it came from'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented example config.toml (if there is none yet)'
complete -c smartspend -n "__fish_smartspend_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand completions" -l dir -d 'Write bash, zsh and fish completions and the man page into DIR' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand completions" -l home -d 'Keep config and users under DIR instead of the platform\'s folders [env: SMARTSPEND_HOME]' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand completions" -s u -l user -d 'The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]' -r
complete -c smartspend -n "__fish_smartspend_using_subcommand completions" -l passphrase-file -d 'Read the passphrase from FILE (its first line). Other sources, in order: SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring (after `unlock`), a prompt on a terminal' -r -F
complete -c smartspend -n "__fish_smartspend_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c smartspend -n "__fish_smartspend_using_subcommand completions" -s h -l help -d 'Print help'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "user" -d 'Create, list, remove users and change their passphrase'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "unlock" -d 'Keep the derived key in the OS keyring so that later commands need no passphrase'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "lock" -d 'Remove the key from the OS keyring'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "import" -d 'Import bank CSV exports into the ledger'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "imports" -d 'List past imports, or undo one'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "profiles" -d 'List, show and detect CSV mapping profiles'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "tx" -d 'List, show, add, edit, delete and correct transactions'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "review" -d 'Go through uncategorized and doubtful transactions, merchant by merchant, and teach smartspend their categories'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "report" -d 'A dashboard of a month (default: this month so far) or any period: income, spending, categories against budgets, trend, merchants, recurring payments'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "budget" -d 'Monthly budgets per category, shown in `report`'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "export" -d 'Write transactions as CSV, JSON, a ledger (hledger) or a beancount journal'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "coach" -d 'A coaching report on a month (default: last month): what went well, what to watch, three things to do. Stored in the ledger; runs unattended from cron'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "redact" -d 'Print statement lines as smartspend would send them to a remote service: with card, account and ID numbers, IBANs, phones, emails, names and addresses replaced'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "categories" -d 'List, add, rename and remove categories'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "rules" -d 'Manage categorization rules'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "categorize" -d 'Re-run categorization over the ledger'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "ai" -d 'API keys and cached answers of the remote AI (the ai and llm sections of config.toml)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "status" -d 'Unlock the ledger and show what it holds'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "config" -d 'Show or create the configuration'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "completions" -d 'Print shell completions, or write them and the man page to a folder'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and not __fish_seen_subcommand_from user unlock lock import imports profiles tx review report budget export coach redact categories rules categorize ai status config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Create a user with a new encrypted ledger (asks for a passphrase twice)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "remove" -d 'Delete a user and their ledger, for good'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "passwd" -d 'Change the passphrase: re-encrypts the ledger under a new key, atomically'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from imports" -f -a "list" -d 'List import batches, newest first'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from imports" -f -a "undo" -d 'Remove exactly the transactions of one import batch'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "list" -d 'List built-in and user profiles'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "show" -d 'Print a profile as TOML'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "detect" -d 'Work out a profile from a file\'s content and print it as TOML'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "list" -d 'List transactions (newest first), with filters'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "show" -d 'Everything about one transaction: raw line, merchant key, how it was categorized'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "add" -d 'Add a transaction by hand (cash, a missing row)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "edit" -d 'Change a transaction\'s date, amount, description, note or category'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "delete" -d 'Delete a transaction'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "categorize" -d 'Correct a transaction\'s category. By default this also makes a rule on its merchant, applied to the merchant\'s other transactions now and in later imports'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from budget" -f -a "set" -d 'Set a category\'s monthly budget (every month, or one month with --month)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from budget" -f -a "list" -d 'List budgets'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from budget" -f -a "remove" -d 'Remove a category\'s budget (the every-month one, or one month\'s with --month)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from coach" -f -a "history" -d 'List the stored reports'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from coach" -f -a "show" -d 'Print a stored report again'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from categories" -f -a "list" -d 'List categories and how many transactions each holds'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from categories" -f -a "add" -d 'Add a category'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from categories" -f -a "rename" -d 'Rename a category (its transactions and rules follow)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from categories" -f -a "remove" -d 'Remove a category; its transactions and rules move to another one, or are left uncategorized and deleted'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "list" -d 'List rules'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "add" -d 'Add a rule and apply it to the transactions not categorized by hand'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "edit" -d 'Change a rule'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "remove" -d 'Remove a rule'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "export" -d 'Print every rule as TOML (for `rules import`, version control, another machine)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "import" -d 'Add the rules of a TOML file written by `rules export`'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "test" -d 'Show which rule wins for a description, which others match, and what the model and the lexicon would say'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from ai" -f -a "key" -d 'Keep an API key in the OS keyring (read from a hidden prompt, or from stdin)'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from ai" -f -a "status" -d 'Show the provider in use, where its key comes from, and the cached answers'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from ai" -f -a "forget" -d 'Forget the cached answers, so that the provider is asked again'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every setting in force and where it came from'
complete -c smartspend -n "__fish_smartspend_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a commented example config.toml (if there is none yet)'
