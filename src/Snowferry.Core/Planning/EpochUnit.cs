namespace Snowferry.Planning;

/// <summary>The unit of a numeric column read as time since the Unix epoch (1970-01-01 00:00:00 UTC).</summary>
public enum EpochUnit
{
    /// <summary>Seconds.</summary>
    Seconds,

    /// <summary>Milliseconds.</summary>
    Milliseconds,

    /// <summary>Microseconds.</summary>
    Microseconds,

    /// <summary>Nanoseconds.</summary>
    Nanoseconds,
}
