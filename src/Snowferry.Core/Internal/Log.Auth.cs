using Microsoft.Extensions.Logging;

namespace Snowferry.Internal;

/// <summary>Log lines of connection loading and authentication (event ids 1000-1099). Never a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug,
        Message = "Snowflake home {SnowflakeHome} does not exist; reading Snowflake configuration from {Directory}")]
    public static partial void SnowflakeHomeMissing(ILogger logger, string snowflakeHome, string directory);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Using Snowflake connection '{ConnectionName}' from {Source}: account {Account}, user {User}, authenticator {Authenticator}")]
    public static partial void ConnectionLoaded(
        ILogger logger, string connectionName, string source, string account, string user, string authenticator);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "{Variable} is set: Snowflake credential files other users can read are used with a warning (files they can change are still refused)")]
    public static partial void PermissionChecksRelaxed(ILogger logger, string variable);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "The {What} {Path} can be read by other users (mode {Mode}); using it because {Variable} is set. Run `chmod 0600 {Path}` to make it private")]
    public static partial void CredentialFileReadableByOthers(ILogger logger, string what, string path, string mode, string variable);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug,
        Message = "Issued a key-pair JWT for {Subject} with key {Fingerprint}, valid until {ExpiresAt:o}")]
    public static partial void JwtIssued(ILogger logger, string subject, string fingerprint, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "Read the token file {Path} again after a renewal request")]
    public static partial void TokenFileReread(ILogger logger, string path);
}
