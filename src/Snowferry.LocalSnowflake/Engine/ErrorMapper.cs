using DuckDB.NET.Data;

namespace Snowferry.LocalSnowflake.Engine;

/// <summary>DuckDB's run-time errors as the Snowflake errors for the same failure.</summary>
internal static class ErrorMapper
{
    public static Exception Map(DuckDBException error, CancellationToken cancellationToken)
    {
        var message = error.Message;
        if (cancellationToken.IsCancellationRequested || message.Contains("INTERRUPT", StringComparison.OrdinalIgnoreCase))
        {
            return new OperationCanceledException("SQL execution canceled", error, cancellationToken);
        }

        // Errors the translated SQL raises itself: error('snowferry:CODE:STATE:message').
        var marker = message.IndexOf("snowferry:", StringComparison.Ordinal);
        if (marker >= 0)
        {
            var parts = FirstLine(message[(marker + "snowferry:".Length)..]).Split(':', 3);
            if (parts.Length == 3)
            {
                return new SnowflakeSqlException(parts[0], parts[1], parts[2]);
            }
        }

        if (message.Contains("Out of Range", StringComparison.OrdinalIgnoreCase) || message.Contains("overflow", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("Could not cast value", StringComparison.Ordinal))
        {
            return SqlErrors.NumberOutOfRange();
        }

        if (message.Contains("Constraint Error", StringComparison.OrdinalIgnoreCase) && message.Contains("NOT NULL", StringComparison.OrdinalIgnoreCase))
        {
            return new SnowflakeSqlException("100072", "22000", "NULL result in a non-nullable column");
        }

        if (message.Contains("Conversion Error", StringComparison.OrdinalIgnoreCase))
        {
            var value = Quoted(message);
            if (message.Contains("DATE", StringComparison.Ordinal) && !message.Contains("TIMESTAMP", StringComparison.Ordinal))
            {
                return SqlErrors.DateNotRecognized(value);
            }

            if (message.Contains("timestamp", StringComparison.OrdinalIgnoreCase) || message.Contains("TIME", StringComparison.Ordinal))
            {
                return SqlErrors.TimestampNotRecognized(value);
            }

            return SqlErrors.NumericNotRecognized(value);
        }

        return new SnowflakeSqlException("000603", "XX000", "SQL execution internal error: " + FirstLine(message));
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? text : text[..newline]).Trim();
    }

    /// <summary>The value DuckDB quotes in its conversion message ("Could not convert string "abc" to ...").</summary>
    private static string Quoted(string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        return end > start ? message[(start + 1)..end] : "";
    }
}
