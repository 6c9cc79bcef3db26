using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Transfer;

/// <summary>
/// Configures a <see cref="SnowferryDataSource"/>: the host's side of a transfer (which Snowflake connection, which S3
/// endpoint, region and credentials, where to log, which clock). Every setting has the ecosystem's default: Snowflake
/// from connections.toml's default connection, S3 from the AWS SDK's chain. Not thread-safe; build once and share the
/// data source.
/// </summary>
public sealed class SnowferryDataSourceBuilder
{
    private SnowflakeConnectionOptions _connection = new();
    private SnowflakeConnectionSettings? _settings;
    private SnowflakeClientOptions? _clientOptions;
    private Uri? _s3Endpoint;
    private string? _s3Region;
    private AWSCredentials? _s3Credentials;
    private IAmazonS3? _s3Client;
    private ILoggerFactory? _loggerFactory;
    private TimeProvider _timeProvider = TimeProvider.System;
    private Func<ISnowflakeTokenProvider, ISnowflakeTokenProvider>? _wrapTokens;

    /// <summary>The connections.toml connection and file; Snowflake's default-connection rules and locations when null.</summary>
    public SnowferryDataSourceBuilder UseConnection(string? connectionName, string? connectionsFile = null)
    {
        _connection = _connection with { ConnectionName = connectionName, ConnectionsFile = connectionsFile };
        _settings = null;
        return this;
    }

    /// <summary>A connection already resolved (e.g. by <see cref="SnowflakeConnections.Load"/>), instead of connections.toml.</summary>
    public SnowferryDataSourceBuilder UseConnectionSettings(SnowflakeConnectionSettings settings)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        return this;
    }

    /// <summary>Retry, poll and prefetch settings of the SQL API client; the defaults when not called.</summary>
    public SnowferryDataSourceBuilder UseSnowflakeClientOptions(SnowflakeClientOptions options)
    {
        _clientOptions = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>An S3-compatible endpoint; <c>AWS_ENDPOINT_URL_S3</c>, else AWS, when null.</summary>
    public SnowferryDataSourceBuilder UseS3Endpoint(Uri? endpointUrl)
    {
        _s3Endpoint = endpointUrl;
        return this;
    }

    /// <summary>
    /// The region of every bucket. When null against AWS, each bucket's region is asked once (<c>GetBucketLocation</c>)
    /// and remembered, falling back to the SDK's chain (<c>AWS_REGION</c>, profile) when it cannot be asked.
    /// </summary>
    public SnowferryDataSourceBuilder UseS3Region(string? region)
    {
        _s3Region = region;
        return this;
    }

    /// <summary>S3 credentials; the AWS SDK's default chain (environment, profile, SSO, instance role) when not called.</summary>
    public SnowferryDataSourceBuilder UseS3Credentials(AWSCredentials credentials)
    {
        _s3Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        return this;
    }

    /// <summary>One S3 client for every bucket, the caller's (never disposed by the data source): tests' proxies.</summary>
    internal SnowferryDataSourceBuilder UseS3Client(IAmazonS3 client)
    {
        _s3Client = client ?? throw new ArgumentNullException(nameof(client));
        return this;
    }

    /// <summary>Wraps the token provider the connection builds (tests make tokens expire); with <see cref="UseConnectionSettings"/> only.</summary>
    internal SnowferryDataSourceBuilder WrapTokenProvider(Func<ISnowflakeTokenProvider, ISnowflakeTokenProvider> wrap)
    {
        _wrapTokens = wrap;
        return this;
    }

    /// <summary>Where the library logs (never secrets or row values); nothing when not called.</summary>
    public SnowferryDataSourceBuilder UseLoggerFactory(ILoggerFactory? loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>The clock for keys, timestamps, durations, tokens and retries; the system's when not called.</summary>
    public SnowferryDataSourceBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>
    /// Loads the connection (reading the key, so a bad one fails here, before any request) and builds the data source.
    /// No socket is opened until the first transfer.
    /// </summary>
    /// <exception cref="SnowflakeConfigurationException">
    /// No connections file, an unknown connection, an unsupported authenticator, a key or token that cannot be read.
    /// </exception>
    /// <exception cref="Destinations.DestinationException"><c>AWS_ENDPOINT_URL_S3</c> is not an absolute URL.</exception>
    public SnowferryDataSource Build()
    {
        var snowflake = _settings is null
            ? SnowflakeDataSource.Create(_connection, _clientOptions, _timeProvider, _loggerFactory)
            : SnowflakeDataSource.Create(_settings, _clientOptions, _timeProvider, _loggerFactory, _wrapTokens);
        try
        {
            return new SnowferryDataSource(snowflake, _s3Endpoint, _s3Region, _s3Credentials, _s3Client, _loggerFactory, _timeProvider);
        }
        catch
        {
            snowflake.Dispose();
            throw;
        }
    }
}
