using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Snowferry.Service.Api;

/// <summary>The API's JSON: snake_case names, exact (case-sensitive) and never duplicated, unknown fields refused.</summary>
internal static class ServiceJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = false;
        options.AllowDuplicateProperties = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }

    /// <summary>RFC 3339, UTC, milliseconds, <c>Z</c>: as the result's <c>timestamp</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a JSON body, or says why not as a problem: malformed JSON, an unknown or repeated field, a wrong type
    /// (with the JSON path), not JSON at all, or larger than the service accepts.
    /// </summary>
    public static async Task<(T? Value, ServiceProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ServiceProblems.BadRequest($"The body must be JSON (Content-Type: application/json), not '{type}'."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, ServiceProblems.BadRequest("The body is empty or null: send a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            return (null, ServiceProblems.BadRequest($"The body is not a valid request{where}: {Reason(e)}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ServiceProblems.TooLarge("The body is larger than this service accepts: a transfer request is a few hundred bytes."));
        }
    }

    // System.Text.Json's messages carry .NET type names; say it in the request's terms.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
            var name = end > start ? message[(start + 1)..end] : "a field";
            return $"unknown field '{name}'. Fields: source_table, destination_s3_bucket, options (format, compression, prefix, key_template, "
                + "month_columns, key_columns, keep_columns, drop_columns, epoch_columns, epoch_unit, overwrite, verify, mode).";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "a field is given twice.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "a value has the wrong type (names are strings, column lists arrays of strings, overwrite and verify true or false).";
        }

        return "malformed JSON.";
    }
}
