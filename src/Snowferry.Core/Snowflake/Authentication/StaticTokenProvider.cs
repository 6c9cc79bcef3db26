using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Internal;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Snowflake.Authentication;

/// <summary>
/// A token obtained elsewhere: a programmatic access token (PAT) or an OAuth access token. When it came from a
/// token file, the file is read again on <c>forceRenew</c> (after a 401) so a rotated token is picked up.
/// </summary>
internal sealed class StaticTokenProvider : ISnowflakeTokenProvider
{
    private readonly string? _tokenFilePath;
    private readonly string _tokenType;
    private readonly SnowflakeEnvironment _environment;
    private readonly ILogger _logger;
    private volatile string _token;

    /// <summary>A fixed token of type <paramref name="tokenType"/> (<see cref="SnowflakeTokenTypes"/>).</summary>
    public StaticTokenProvider(string token, string tokenType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenType);
        _token = token;
        _tokenType = tokenType;
        _environment = SnowflakeEnvironment.Current;
        _logger = NullLogger.Instance;
    }

    /// <summary>
    /// The token of a <c>PROGRAMMATIC_ACCESS_TOKEN</c> or <c>OAUTH</c> connection: <see cref="SnowflakeConnectionSettings.Token"/>,
    /// else the text of <see cref="SnowflakeConnectionSettings.TokenFilePath"/>.
    /// </summary>
    /// <param name="settings">The connection.</param>
    /// <param name="environment">Where the file permission check reads its opt-out; the real environment when null.</param>
    /// <param name="logger">Notes token file re-reads; nothing is logged when null.</param>
    /// <exception cref="SnowflakeConfigurationException">Another authenticator, or no token.</exception>
    public StaticTokenProvider(SnowflakeConnectionSettings settings, SnowflakeEnvironment? environment = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _environment = environment ?? SnowflakeEnvironment.Current;
        _logger = logger ?? NullLogger.Instance;
        _tokenType = settings.Authenticator.ToUpperInvariant() switch
        {
            SnowflakeAuthenticators.ProgrammaticAccessToken => SnowflakeTokenTypes.ProgrammaticAccessToken,
            SnowflakeAuthenticators.OAuth => SnowflakeTokenTypes.OAuth,
            var other => throw new SnowflakeConfigurationException(
                $"A token provider needs authenticator PROGRAMMATIC_ACCESS_TOKEN or OAUTH, not '{other}'."),
        };
        _tokenFilePath = settings.TokenFilePath;
        var token = settings.Token;
        if (string.IsNullOrWhiteSpace(token) && _tokenFilePath is not null)
        {
            token = ConnectionSettingsFactory.ReadTokenFile(_tokenFilePath, _environment, _logger);
        }

        _token = string.IsNullOrWhiteSpace(token)
            ? throw new SnowflakeConfigurationException(
                $"Connection '{settings.Name}' uses {settings.Authenticator} but has no token or token_file_path.")
            : token;
    }

    /// <inheritdoc />
    public ValueTask<SnowflakeToken> GetTokenAsync(bool forceRenew, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (forceRenew && _tokenFilePath is not null)
        {
            // Token files are small and local: a synchronous read keeps this path allocation-light and simple.
            _token = ConnectionSettingsFactory.ReadTokenFile(_tokenFilePath, _environment, _logger);
            Log.TokenFileReread(_logger, _tokenFilePath);
        }

        return ValueTask.FromResult(new SnowflakeToken(_token, _tokenType));
    }
}
