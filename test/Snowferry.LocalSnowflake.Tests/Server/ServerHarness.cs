using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// A server over <see cref="CannedStatements"/> on a free loopback port, a registered key pair, and a plain
/// HttpClient (no automatic decompression, so the tests see the bytes on the wire). A server over canned statements
/// has no result cache (only an engine can say what a statement reads), so every statement runs.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    public const string User = "TESTER";

    // One key for every harness: generating 2048-bit keys dominates the run time on a small machine.
    private static readonly Lazy<RSA> s_key = new(() => RSA.Create(2048));

    private ServerHarness(LocalSnowflakeServer server, CannedStatements statements, RSA key, HttpClient http)
    {
        Server = server;
        Statements = statements;
        Key = key;
        Http = http;
    }

    public LocalSnowflakeServer Server { get; }

    public CannedStatements Statements { get; }

    public RSA Key { get; }

    public HttpClient Http { get; }

    public TimeProvider Time => Server.Options.TimeProvider;

    public static async Task<ServerHarness> StartAsync(LocalSnowflakeServerOptions? options = null)
    {
        var statements = new CannedStatements();
        var server = await LocalSnowflakeServer.StartAsync(
            options ?? new LocalSnowflakeServerOptions { PartitionRowCount = 3, SyncWait = TimeSpan.FromSeconds(5) },
            statements.Execute,
            CannedStatements.Split,
            TestContext.Current.CancellationToken);
        return Create(server, statements);
    }

    /// <summary>A server over a real engine (owned by the caller), for what only the engine decides, such as context names.</summary>
    public static async Task<ServerHarness> StartAsync(LocalEngine engine)
    {
        var server = await LocalSnowflakeServer.StartAsync(
            new LocalSnowflakeServerOptions { SyncWait = TimeSpan.FromSeconds(5) }, engine, TestContext.Current.CancellationToken);
        return Create(server, new CannedStatements());
    }

    /// <summary>
    /// A server over a real engine (owned by the caller) whose statements reach DuckDB through
    /// <see cref="LocalEngine.Execute"/> only after <paramref name="onExecute"/> has seen their text: how the result cache
    /// tests tell a statement that ran from one answered from the cache.
    /// </summary>
    public static async Task<ServerHarness> StartAsync(LocalEngine engine, LocalSnowflakeServerOptions options, Action<string> onExecute)
    {
        var server = await LocalSnowflakeServer.StartAsync(
            options,
            engine,
            (statement, context, token) =>
            {
                onExecute(statement);
                return engine.Execute(statement, context, token);
            },
            TestContext.Current.CancellationToken);
        return Create(server, new CannedStatements());
    }

    private static ServerHarness Create(LocalSnowflakeServer server, CannedStatements statements)
    {
        var key = s_key.Value;
        server.RegisterPublicKey(User, key.ExportSubjectPublicKeyInfoPem());
        var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = server.BaseAddress };
        return new ServerHarness(server, statements, key, http);
    }

    /// <summary>A key-pair JWT as the connectors build it; every part can be bent for the negative tests.</summary>
    public string Jwt(
        DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null,
        string? account = null,
        string user = User,
        RSA? signWith = null,
        RSA? fingerprintOf = null,
        string? subject = null)
    {
        var now = issuedAt ?? Time.GetUtcNow();
        var prefix = $"{account ?? Server.Options.Account}.{user}";
        var fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData((fingerprintOf ?? Key).ExportSubjectPublicKeyInfo()));
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = $"{prefix}.{fingerprint}",
            ["sub"] = subject ?? prefix,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(59))).ToUnixTimeSeconds(),
        });
        var input = Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"u8.ToArray()) + "." + Base64Url(Encoding.UTF8.GetBytes(payload));
        var signature = (signWith ?? Key).SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>A request with the headers a well-behaved client sends (JWT by default).</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string? token = null, string? tokenType = "KEYPAIR_JWT")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Jwt());
        if (tokenType is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Snowflake-Authorization-Token-Type", tokenType);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd("snowferry-tests/1.0");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static string Body(string statement, string? extra = null) =>
        "{\"statement\":" + JsonSerializer.Serialize(statement) + (extra is null ? "" : "," + extra) + "}";

    public Task<Answer> PostStatementAsync(string statement, string query = "", string? extra = null) =>
        SendAsync(Request(HttpMethod.Post, "/api/v2/statements" + query, Body(statement, extra)));

    public Task<Answer> GetAsync(string path) => SendAsync(Request(HttpMethod.Get, path));

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            return new Answer(response, bytes);
        }
    }

    /// <summary>Polls a statement's status URL until it is no longer 202.</summary>
    public async Task<Answer> PollAsync(string statusUrl)
    {
        for (var i = 0; i < 200; i++)
        {
            var answer = await GetAsync(statusUrl);
            if ((int)answer.Status != 202)
            {
                return answer;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The statement never finished.");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>A response read whole: status, headers and body (parsed as JSON when it is JSON).</summary>
internal sealed class Answer
{
    public Answer(HttpResponseMessage response, byte[] body)
    {
        Status = response.StatusCode;
        Headers = response.Headers;
        ContentHeaders = response.Content.Headers;
        Bytes = body;
        if (body.Length > 0 && response.Content.Headers.ContentEncoding.Count == 0)
        {
            Json = JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    public System.Net.HttpStatusCode Status { get; }

    public HttpResponseHeaders Headers { get; }

    public System.Net.Http.Headers.HttpContentHeaders ContentHeaders { get; }

    public byte[] Bytes { get; }

    public JsonElement Json { get; }

    public string Text => Encoding.UTF8.GetString(Bytes);

    public string? Code => Json.TryGetProperty("code", out var c) ? c.GetString() : null;

    public string Handle => Json.GetProperty("statementHandle").GetString()!;

    public string StatusUrl => Json.GetProperty("statementStatusUrl").GetString()!;

    public string? Link => Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : null;
}
