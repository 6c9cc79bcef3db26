using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Snowferry.Snowflake.Client;

namespace Snowferry.Cli.Commands;

/// <summary>
/// <c>--statement-timeout</c>, shared by <c>transfer</c> and <c>plan</c>: a duration such as <c>6h</c>, <c>90m</c>,
/// <c>3600s</c> or plain seconds, 1 second to 7 days. Zero is a usage error rather than "no limit": Snowflake would read
/// it as its 7-day maximum.
/// </summary>
internal static class StatementTimeoutOption
{
    private const string Examples = "e.g. 6h, 90m, 3600s or 3600 (seconds)";

    public static Option<TimeSpan?> Create() => new("--statement-timeout")
    {
        HelpName = "DURATION",
        Description = $"Snowflake cancels a statement that runs longer than this ({Examples}; 1s to 7d; default 6h).",
        CustomParser = Parse,
    };

    /// <summary>The option's value, or the library's default when it was not given.</summary>
    public static TimeSpan Value(ParseResult parse, Option<TimeSpan?> option) =>
        parse.GetValue(option) ?? SnowflakeClientOptions.DefaultStatementTimeout;

    private static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        if (!TryParse(text, out var value))
        {
            result.AddError($"--statement-timeout takes a duration ({Examples}), got '{text}'.");
            return null;
        }

        if (value <= TimeSpan.Zero)
        {
            result.AddError("--statement-timeout must be at least 1s: Snowflake would read 0 as its 7-day maximum, so give the limit you mean (e.g. 7d).");
            return null;
        }

        if (Math.Ceiling(value.TotalSeconds) > SnowflakeStatementOptions.MaxTimeout.TotalSeconds)
        {
            result.AddError($"--statement-timeout can be at most 7d (604800s), Snowflake's limit; got '{text}'.");
            return null;
        }

        return value;
    }

    private static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length == 0)
        {
            return false;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        var seconds = unit switch
        {
            's' => 1d,
            'm' => 60d,
            'h' => 3600d,
            'd' => 86400d,
            _ => 0d,
        };
        var number = seconds == 0 ? text : text[..^1];
        if (seconds == 0)
        {
            seconds = 1;
        }

        // Range-checked here so that a huge number is "too long" rather than an overflow.
        if (!double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || double.IsNaN(amount) || double.IsInfinity(amount))
        {
            return false;
        }

        var total = amount * seconds;
        value = total > TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(total);
        return true;
    }
}
