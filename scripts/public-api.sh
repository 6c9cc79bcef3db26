#!/usr/bin/env bash
# Snowferry.Core's public API is tracked by Microsoft.CodeAnalysis.PublicApiAnalyzers: every public symbol is listed in
# src/Snowferry.Core/PublicAPI.Shipped.txt (released) or PublicAPI.Unshipped.txt (changed since), and the build fails
# on an undeclared one (RS0016) or a listed one that is gone (RS0017).
#
#   scripts/public-api.sh              after an intended API change: adds every undeclared public symbol to
#                                      PublicAPI.Unshipped.txt, then builds. A symbol that is gone stays an RS0017
#                                      error to decide by hand: delete its Unshipped line, or for a Shipped one add
#                                      "*REMOVED*<the Shipped line>" to Unshipped (a breaking change: say so).
#   scripts/public-api.sh --ship       at a release: moves Unshipped's entries into Shipped and empties Unshipped.
#   scripts/public-api.sh --rebaseline declares the current surface as Shipped from scratch. Only while nothing has
#                                      been released from the tracked files (issue 11's branches merging into the first
#                                      tracked release); afterwards it would hide breaking changes.
#
# Review the diff of both files before committing: every line is a promise to library users.
# The files cannot hold comments (the analyzer reads every other line as a symbol); "#nullable enable" stays first.
set -euo pipefail
cd "$(dirname "$0")/.."
project=src/Snowferry.Core/Snowferry.Core.csproj
shipped=src/Snowferry.Core/PublicAPI.Shipped.txt
unshipped=src/Snowferry.Core/PublicAPI.Unshipped.txt

ship() {
    {
        echo '#nullable enable'
        { tail -n +2 "$shipped"; tail -n +2 "$unshipped"; } | grep -v -e '^$' -e '^\*REMOVED\*' | LC_ALL=C sort -u |
            grep -v -x -F -f <(sed -n 's/^\*REMOVED\*//p' "$unshipped") || true
    } >"$shipped.new"
    mv "$shipped.new" "$shipped"
    echo '#nullable enable' >"$unshipped"
}

case "${1:-}" in
--ship)
    ship
    ;;
--rebaseline)
    echo '#nullable enable' >"$shipped"
    echo '#nullable enable' >"$unshipped"
    dotnet format analyzers "$project" --diagnostics RS0016 --severity info
    ship
    ;;
"")
    dotnet format analyzers "$project" --diagnostics RS0016 --severity info
    ;;
*)
    echo "usage: scripts/public-api.sh [--ship | --rebaseline]" >&2
    exit 2
    ;;
esac
dotnet build "$project"
