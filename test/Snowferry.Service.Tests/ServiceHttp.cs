using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Snowferry.Service.Tests;

/// <summary>Plain HTTP helpers: JSON bodies in, parsed documents out, as any client of the API would.</summary>
internal static class ServiceHttp
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent TransferBody(string table, string destination, string options = "{}") =>
        Json($$"""{"source_table":{{JsonSerializer.Serialize(table)}},"destination_s3_bucket":{{JsonSerializer.Serialize(destination)}},"options":{{options}}}""");

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the code, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("/problems/" + code, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>Submits and waits (Prefer: wait) until the job is final; returns the final job.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient http, HttpContent body, CancellationToken cancellationToken, int waitSeconds = 120)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/transfers") { Content = body };
        request.Headers.Add("Prefer", $"wait={waitSeconds}");
        using var response = await http.SendAsync(request, cancellationToken);
        var job = await BodyAsync(response, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 with a final job, got {(int)response.StatusCode}: {job}");
        return job;
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient http, string path, CancellationToken cancellationToken) => http.GetAsync(path, cancellationToken);

    public static Task<HttpResponseMessage> PostJsonAsync<T>(HttpClient http, string path, T value, CancellationToken cancellationToken) =>
        http.PostAsJsonAsync(path, value, cancellationToken);
}
