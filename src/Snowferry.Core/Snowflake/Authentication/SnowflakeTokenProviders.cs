using Microsoft.Extensions.Logging;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Snowflake.Authentication;

/// <summary>Creates the token provider a connection's authenticator calls for.</summary>
internal static class SnowflakeTokenProviders
{
    /// <summary>
    /// <c>SNOWFLAKE_JWT</c> → <see cref="KeyPairJwtTokenProvider"/>; <c>PROGRAMMATIC_ACCESS_TOKEN</c> and <c>OAUTH</c> →
    /// <see cref="StaticTokenProvider"/>.
    /// </summary>
    /// <exception cref="SnowflakeConfigurationException">An unsupported authenticator, or an unusable key or token.</exception>
    /// <param name="settings">The connection, e.g. from <see cref="SnowflakeConnections.Load"/>.</param>
    /// <param name="timeProvider">The clock JWTs are dated by; the system clock when null.</param>
    /// <param name="logger">Notes token issue and renewal (never a token); nothing is logged when null.</param>
    public static ISnowflakeTokenProvider Create(
        SnowflakeConnectionSettings settings, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var authenticator = settings.Authenticator.ToUpperInvariant();
        return authenticator switch
        {
            SnowflakeAuthenticators.KeyPairJwt => new KeyPairJwtTokenProvider(settings, timeProvider ?? TimeProvider.System, logger),
            SnowflakeAuthenticators.ProgrammaticAccessToken or SnowflakeAuthenticators.OAuth => new StaticTokenProvider(settings, environment: null, logger),
            _ => throw ConnectionSettingsFactory.UnsupportedAuthenticator(settings.Name, settings.Authenticator),
        };
    }
}
