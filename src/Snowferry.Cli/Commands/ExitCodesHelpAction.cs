using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Snowferry.Cli.Commands;

/// <summary>The usual help, then the exit codes (as the README's table lists them), so scripts know what to test for.</summary>
internal sealed class ExitCodesHelpAction(HelpAction help) : SynchronousCommandLineAction
{
    public const string Epilogue = """
        Exit codes:
          0    done
          1    unexpected failure (--debug shows the stack trace)
          2    usage: unknown option or format, bad value
          3    configuration: connections.toml or private key missing, unreadable or wrong; unload: no storage integration, or a column its format cannot hold
          4    Snowflake: unreachable, credentials refused, statement failed
          5    plan: unknown table or column, a column given two roles, no month column, unsupported type
          6    destination: bucket missing or malformed, access denied, object exists, upload failed (nothing left behind)
          7    integrity: what was written disagrees with what Snowflake returned (nothing committed)
          130  cancelled (statement cancelled, upload aborted)
        """;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var code = help.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Epilogue);
        return code;
    }

    /// <summary>Replaces the help option's action on <paramref name="root"/> (the option is recursive: every command).</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new ExitCodesHelpAction(help);
            }
        }
    }
}
