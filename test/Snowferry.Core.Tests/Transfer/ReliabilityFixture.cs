using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// <see cref="TransferFixture"/> (the local Snowflake and the S3 server, both real, on loopback) plus the small tables the
/// bad-input tests need, created through the client as a user would, and helpers for jobs wired to other parts.
/// </summary>
public sealed class ReliabilityFixture : IAsyncLifetime
{
    private readonly TransferFixture _transfer = new();

    public TransferFixture Transfer => _transfer;

    public async ValueTask InitializeAsync()
    {
        await _transfer.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        foreach (var sql in (string[])[
            "CREATE OR REPLACE TABLE NO_DATES (NAME VARCHAR, AMOUNT NUMBER(10,2))",
            "INSERT INTO NO_DATES VALUES ('a', 1.50), ('b', 2.25)",
            "CREATE OR REPLACE TABLE EMPTY_TABLE (D DATE, NAME VARCHAR, AMOUNT NUMBER(12,2), RATIO FLOAT)",
            "CREATE OR REPLACE TABLE ALL_BLANK (D DATE, NAME VARCHAR, AMOUNT NUMBER(12,2), RATIO FLOAT)",
            "INSERT INTO ALL_BLANK VALUES (NULL, NULL, NULL, NULL), (NULL, '   ', NULL, NULL), (NULL, '', NULL, NULL)",
        ])
        {
            await _transfer.Client.ExecuteAsync(sql, cancellationToken: ct);
        }
    }

    /// <summary>A statement through the fixture's client (DDL, INSERT).</summary>
    public Task<SnowflakeResult> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        _transfer.Client.ExecuteAsync(sql, cancellationToken: cancellationToken);

    /// <summary>
    /// Transfers through a data source of their own whose Snowflake client uses <paramref name="settings"/> (a few quick
    /// retries at most); the second item disposes the data source.
    /// </summary>
    public (TransferRunner Job, IDisposable Http) CreateJob(SnowflakeConnectionSettings settings, string prefix, IAmazonS3? s3 = null, string? bucket = null)
    {
        var source = new SnowferryDataSourceBuilder()
            .UseConnectionSettings(settings)
            .UseSnowflakeClientOptions(new SnowflakeClientOptions { MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(50) })
            .UseS3Client(s3 ?? _transfer.S3.Client)
            .Build();
        return (new TransferRunner(source, $"s3://{bucket ?? _transfer.S3.Bucket}/{prefix}"), source);
    }

    /// <summary>Every key under <paramref name="prefix"/> in the fixture's bucket.</summary>
    public Task<IReadOnlyList<string>> KeysAsync(string prefix, CancellationToken cancellationToken) =>
        _transfer.S3.ListKeysAsync(prefix, cancellationToken);

    /// <summary>A loopback port nothing listens on (bound, read, released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ValueTask DisposeAsync() => _transfer.DisposeAsync();
}
