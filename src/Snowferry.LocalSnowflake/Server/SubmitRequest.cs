using System.Globalization;
using System.Text.Json;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// The POST body (SQL_API.md §4): statement, timeout, database, schema, warehouse, role, bindings, parameters.
/// Database, schema, warehouse and role are kept exactly as sent (the SQL API does not fold their case) for the
/// engine to check. Of the parameters, <c>MULTI_STATEMENT_COUNT</c> and <c>USE_CACHED_RESULT</c> act; the output formats
/// and the time zone are accepted and otherwise ignored (the engine has Snowflake's defaults), but kept as
/// <see cref="ResultParameters"/>, as a cached result is only reused under the same ones.
/// </summary>
internal sealed record SubmitRequest
{
    /// <summary>Parameters Snowflake applies to the result's values, so a persisted result is reused only under the same.</summary>
    private static readonly HashSet<string> s_resultParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "timezone", "binary_output_format", "date_output_format", "time_output_format", "timestamp_output_format",
        "timestamp_ltz_output_format", "timestamp_ntz_output_format", "timestamp_tz_output_format",
    };

    /// <summary>Snowflake's ceiling for <c>timeout</c> (7 days); 0 means this.</summary>
    public const long MaxTimeoutSeconds = 604_800;

    public required string Statement { get; init; }

    /// <summary>Null: no limit beyond the account's (the emulator has none).</summary>
    public TimeSpan? Timeout { get; init; }

    public string? Database { get; init; }

    public string? Schema { get; init; }

    public string? Warehouse { get; init; }

    public string? Role { get; init; }

    public IReadOnlyList<EngineBinding>? Bindings { get; init; }

    /// <summary><c>MULTI_STATEMENT_COUNT</c>: 1 (default) one statement, n exactly n, 0 any number.</summary>
    public int MultiStatementCount { get; init; } = 1;

    /// <summary><c>USE_CACHED_RESULT</c>: false asks for the statement to run even when a cached result would do.</summary>
    public bool UseCachedResult { get; init; } = true;

    /// <summary>
    /// The parameters that change how a result is written (time zone, output formats), as <c>name=value</c> lines in
    /// name order, names in lower case; empty when none was sent.
    /// </summary>
    public string ResultParameters { get; init; } = "";

    /// <summary>Parses the body; null with a reason when it is not a valid payload (400 390142).</summary>
    public static SubmitRequest? TryParse(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("the body is not a JSON object", out problem);
        }

        if (!root.TryGetProperty("statement", out var statement) || statement.ValueKind != JsonValueKind.String)
        {
            return Invalid("\"statement\" is missing or not a string", out problem);
        }

        TimeSpan? timeout = null;
        if (root.TryGetProperty("timeout", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt64(out var seconds) || seconds is < 0 or > MaxTimeoutSeconds)
            {
                return Invalid("\"timeout\" is not a whole number of seconds in [0, 604800]", out problem);
            }

            timeout = TimeSpan.FromSeconds(seconds == 0 ? MaxTimeoutSeconds : seconds);
        }

        if (!TryString(root, "database", out var database) || !TryString(root, "schema", out var schema)
            || !TryString(root, "warehouse", out var warehouse) || !TryString(root, "role", out var role))
        {
            return Invalid("\"database\", \"schema\", \"warehouse\" and \"role\" must be strings", out problem);
        }

        var bindings = ParseBindings(root, ref problem);
        var parameters = ParseParameters(root, ref problem);
        if (problem is not null)
        {
            return null;
        }

        return new SubmitRequest
        {
            Statement = statement.GetString()!,
            Timeout = timeout,
            Database = database,
            Schema = schema,
            Warehouse = warehouse,
            Role = role,
            Bindings = bindings,
            MultiStatementCount = parameters.MultiStatementCount,
            UseCachedResult = parameters.UseCachedResult,
            ResultParameters = parameters.ResultParameters,
        };
    }

    /// <summary><c>{"1": {"type": "FIXED", "value": "123"}, …}</c> in key order; keys must be 1…n.</summary>
    private static List<EngineBinding>? ParseBindings(JsonElement root, ref string? problem)
    {
        if (!root.TryGetProperty("bindings", out var bindings) || bindings.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (bindings.ValueKind != JsonValueKind.Object)
        {
            problem = "\"bindings\" is not an object";
            return null;
        }

        var byIndex = new SortedDictionary<int, EngineBinding>();
        foreach (var binding in bindings.EnumerateObject())
        {
            if (!int.TryParse(binding.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 1
                || binding.Value.ValueKind != JsonValueKind.Object
                || !binding.Value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                problem = $"binding \"{binding.Name}\" is not {{\"type\": …, \"value\": …}} under a positive index";
                return null;
            }

            // Values are strings on the wire; a JSON number or boolean is taken as its text rather than refused.
            string? value = null;
            if (binding.Value.TryGetProperty("value", out var v))
            {
                if (v.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    problem = $"binding \"{binding.Name}\" has a value that is not text";
                    return null;
                }

                value = v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Null ? null : v.GetRawText();
            }

            byIndex[index] = new EngineBinding(type.GetString()!, value);
        }

        if (byIndex.Count > 0 && byIndex.Keys.Last() != byIndex.Count)
        {
            problem = "binding indexes must run 1, 2, … without gaps";
            return null;
        }

        return [.. byIndex.Values];
    }

    private static (int MultiStatementCount, bool UseCachedResult, string ResultParameters) ParseParameters(JsonElement root, ref string? problem)
    {
        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            return (1, true, "");
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            problem = "\"parameters\" is not an object";
            return (1, true, "");
        }

        var count = 1;
        var useCachedResult = true;
        var resultParameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in parameters.EnumerateObject())
        {
            // The reference table spells parameters in lower case, its examples in upper case: accept both.
            var text = parameter.Value.ValueKind switch
            {
                JsonValueKind.String => parameter.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => parameter.Value.GetRawText(),
                _ => null,
            };
            if (parameter.Name.Equals("multi_statement_count", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count))
                {
                    problem = "MULTI_STATEMENT_COUNT is not a non-negative whole number";
                    return (1, true, "");
                }
            }
            else if (parameter.Name.Equals("use_cached_result", StringComparison.OrdinalIgnoreCase))
            {
                if (!bool.TryParse(text, out useCachedResult))
                {
                    problem = "USE_CACHED_RESULT is neither TRUE nor FALSE";
                    return (1, true, "");
                }
            }
            else if (s_resultParameters.Contains(parameter.Name))
            {
                resultParameters[parameter.Name.ToLowerInvariant()] = text ?? parameter.Value.GetRawText();
            }
        }

        return (count, useCachedResult, string.Join('\n', resultParameters.Select(p => p.Key + "=" + p.Value)));
    }

    private static bool TryString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static SubmitRequest? Invalid(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }
}
