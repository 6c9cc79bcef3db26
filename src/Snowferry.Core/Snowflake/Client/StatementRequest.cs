using System.Globalization;
using System.Text.Json;

namespace Snowferry.Snowflake.Client;

/// <summary>Writes the POST /api/v2/statements body; null fields are left out.</summary>
internal static class StatementRequest
{
    public static byte[] Build(string statement, SnowflakeStatementOptions options, SnowflakeConnectionSettings settings)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("statement", statement);
            if (options.Timeout is { } timeout)
            {
                json.WriteNumber("timeout", (long)Math.Ceiling(timeout.TotalSeconds));
            }

            WriteContext(json, "database", options.Database, settings.Database);
            WriteContext(json, "schema", options.Schema, settings.Schema);
            WriteContext(json, "warehouse", options.Warehouse, settings.Warehouse);
            WriteContext(json, "role", options.Role, settings.Role);
            if (options.Bindings is { Count: > 0 } bindings)
            {
                json.WriteStartObject("bindings");
                for (var i = 0; i < bindings.Count; i++)
                {
                    json.WriteStartObject((i + 1).ToString(CultureInfo.InvariantCulture));
                    json.WriteString("type", bindings[i].Type);
                    if (bindings[i].Value is { } value)
                    {
                        json.WriteString("value", value);
                    }
                    else
                    {
                        json.WriteNull("value");
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            var parameters = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in options.Parameters ?? new Dictionary<string, string>())
            {
                parameters[key] = value;
            }

            if (options.QueryTag is { } tag)
            {
                parameters["query_tag"] = tag;
            }

            if (options.MultiStatementCount is { } count)
            {
                parameters["multi_statement_count"] = count.ToString(CultureInfo.InvariantCulture);
            }

            if (parameters.Count > 0)
            {
                json.WriteStartObject("parameters");
                foreach (var (key, value) in parameters)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteContext(Utf8JsonWriter json, string field, string? overridden, string? configured)
    {
        var value = overridden ?? configured;
        if (!string.IsNullOrWhiteSpace(value))
        {
            json.WriteString(field, ContextName(value, field, overridden is not null));
        }
    }

    /// <summary>
    /// The object name the SQL API expects for a context field. The API matches these fields case-sensitively against
    /// the names SHOW returns, while users write them as identifiers (the Snowflake CLI's own sample has
    /// <c>database = "my_db"</c>), so they are read by the identifier rules: an unquoted name folds to upper case, a
    /// quoted one keeps its case without the quotes and with <c>""</c> read as one quote. Text that is neither (a space,
    /// a dash) can only name an object created with quotes, so it is sent exactly as written.
    /// </summary>
    /// <exception cref="SnowflakeConfigurationException">A quoted name that is not well formed.</exception>
    internal static string ContextName(string value, string field, bool fromStatementOptions = false)
    {
        var text = value.Trim();
        if (!text.StartsWith('"'))
        {
            return SnowflakeIdentifiers.IsUnquoted(text) ? text.ToUpperInvariant() : text;
        }

        var end = 0;
        if (SnowflakeIdentifiers.TryReadQuoted(text, ref end, out var name) && end == text.Length && name.Length > 0)
        {
            return name;
        }

        var source = fromStatementOptions ? $"SnowflakeStatementOptions.{char.ToUpperInvariant(field[0])}{field[1..]}" : $"the connection's {field}";
        throw new SnowflakeConfigurationException(
            $"Cannot send {source}: {text} is not one well-formed quoted name. Put the whole name in double quotes, doubling " +
            "each quote inside (e.g. \"My Warehouse\", \"a\"\"b\"), or write it unquoted to have it folded to upper case.");
    }
}
