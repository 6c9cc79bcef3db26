using System.Globalization;
using System.Text.Json;

namespace Snowferry.Snowflake;

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

            WriteIfSet(json, "database", options.Database ?? settings.Database);
            WriteIfSet(json, "schema", options.Schema ?? settings.Schema);
            WriteIfSet(json, "warehouse", options.Warehouse ?? settings.Warehouse);
            WriteIfSet(json, "role", options.Role ?? settings.Role);
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

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
