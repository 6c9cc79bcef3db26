using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>What the fake saw of one request.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, string? Authorization, string? TokenType, string? ContentType, string? Accept, string? UserAgent, string? Body)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public string? Query(string name) => System.Web.HttpUtility.ParseQueryString(Uri.Query)[name];
}

/// <summary>An in-process SQL API: a handler that records requests and answers through a test-supplied function.</summary>
internal sealed class FakeSnowflakeHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("X-Snowflake-Authorization-Token-Type", out var t) ? t.Single() : null,
            request.Content?.Headers.ContentType?.ToString(),
            request.Headers.Accept.ToString(),
            request.Headers.UserAgent.ToString(),
            body);
        Requests.Enqueue(recorded);
        return await respond(recorded, cancellationToken);
    }
}

/// <summary>Hands out tok-1, tok-2, ... renewing only when asked.</summary>
internal sealed class FakeTokens : ISnowflakeTokenProvider
{
    private int _generation = 1;

    public int ForcedRenewals { get; private set; }

    public ValueTask<SnowflakeToken> GetTokenAsync(bool forceRenew, CancellationToken cancellationToken)
    {
        if (forceRenew)
        {
            ForcedRenewals++;
            _generation++;
        }

        return ValueTask.FromResult(new SnowflakeToken($"secret-tok-{_generation}", "KEYPAIR_JWT"));
    }
}

internal static class Fake
{
    public static readonly SnowflakeConnectionSettings Settings = new()
    {
        Account = "test",
        User = "U",
        Host = "127.0.0.1",
        Port = 1,
        Protocol = "http",
        Database = "DB",
        Schema = "PUBLIC",
        Warehouse = "WH",
        Role = "R",
    };

    public static readonly SnowflakeClientOptions FastOptions = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        PollInitialDelay = TimeSpan.FromMilliseconds(1),
        PollMaxDelay = TimeSpan.FromMilliseconds(5),
        PartitionPrefetch = 2,
    };

    public static (SnowflakeClient Client, FakeSnowflakeHandler Handler, FakeTokens Tokens) Create(
        Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond, SnowflakeClientOptions? options = null)
    {
        var handler = new FakeSnowflakeHandler(respond);
        var tokens = new FakeTokens();
        var client = new SnowflakeClient(new HttpClient(handler), Settings, tokens, options ?? FastOptions);
        return (client, handler, tokens);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static Task<HttpResponseMessage> JsonTask(HttpStatusCode status, string json) => Task.FromResult(Json(status, json));

    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    public static HttpResponseMessage Bytes(byte[] body, bool gzipHeader)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        if (gzipHeader)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A result of one fixed column N; partition i holds rows i*10 .. i*10+rows-1.</summary>
    public static string ResultJson(string handle, int partitions, int rowsPerPartition = 3)
    {
        var info = string.Join(",", Enumerable.Range(0, partitions).Select(_ => $$"""{"rowCount":{{rowsPerPartition}},"uncompressedSize":100}"""));
        return $$"""
            {"resultSetMetaData":{"numRows":{{partitions * rowsPerPartition}},"format":"jsonv2","partitionInfo":[{{info}}],
             "rowType":[{"name":"N","type":"fixed","scale":0,"precision":38,"nullable":true}]},
             "data":{{PartitionRows(0, rowsPerPartition)}},"code":"090001","sqlState":"00000","message":"Statement executed successfully.",
             "statementHandle":"{{handle}}","statementStatusUrl":"/api/v2/statements/{{handle}}","createdOn":1704067200000}
            """;
    }

    public static string PartitionRows(int partition, int rows) =>
        "[" + string.Join(",", Enumerable.Range(0, rows).Select(r => $"[\"{(partition * 10) + r}\"]")) + "]";

    public static string PartitionJson(int partition, int rows = 3) => $$"""{"data":{{PartitionRows(partition, rows)}}}""";

    public static string Running(string handle) => $$"""
        {"code":"333334","message":"Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
         "statementHandle":"{{handle}}","statementStatusUrl":"/api/v2/statements/{{handle}}"}
        """;
}

/// <summary>A body stream that yields some bytes and then fails like a dropped connection.</summary>
internal sealed class BrokenStream(byte[] prefix) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= prefix.Length)
        {
            throw new IOException("The response ended prematurely.");
        }

        var n = Math.Min(count, prefix.Length - _position);
        Array.Copy(prefix, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
