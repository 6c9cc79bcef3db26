namespace Snowferry.Diagnostics;

/// <summary>How one check of <see cref="SnowferryDoctor"/> ended.</summary>
public enum DoctorStatus
{
    /// <summary>The step works.</summary>
    Ok,

    /// <summary>The step fails; <see cref="DoctorCheck.Fix"/> says what to do.</summary>
    Fail,

    /// <summary>Not tried: not asked for, or a step it depends on failed (<see cref="DoctorCheck.Detail"/> says which).</summary>
    Skip,
}

/// <summary>The part of a run a check belongs to; for a failure, the kind of failure (the CLI's exit code follows it).</summary>
public enum DoctorArea
{
    /// <summary>connections.toml, the connection, a key or token file, the storage integration setting.</summary>
    Configuration,

    /// <summary>What Snowflake answers: the login, the role, warehouse, database and schema.</summary>
    Snowflake,

    /// <summary>The table and the plan made from its columns.</summary>
    Plan,

    /// <summary>The S3 bucket and its credentials, or the local folder.</summary>
    Destination,
}

/// <summary>One step of a first run, tried without moving data.</summary>
public sealed record DoctorCheck
{
    /// <summary>Stable name, e.g. <c>connection</c>, <c>credentials</c>, <c>warehouse</c>, <c>bucket</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Passed, failed or not tried.</summary>
    public required DoctorStatus Status { get; init; }

    /// <summary>The check's part of the run; for a failure, what kind of failure it is.</summary>
    public required DoctorArea Area { get; init; }

    /// <summary>What was found (which file, which name, which credential source), or what went wrong. Never a secret.</summary>
    public required string Detail { get; init; }

    /// <summary>For a failure, what to change; null when <see cref="Detail"/> already says it or nothing failed.</summary>
    public string? Fix { get; init; }
}

/// <summary>Every check <see cref="SnowferryDoctor.RunAsync"/> made, in the order a run meets them.</summary>
/// <param name="Checks">The checks, one per step.</param>
public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks)
{
    /// <summary>True when no check failed (skipped ones do not count).</summary>
    public bool Passed => FirstFailure is null;

    /// <summary>The first failed check: the one to fix first, as later ones may follow from it.</summary>
    public DoctorCheck? FirstFailure => Checks.FirstOrDefault(c => c.Status == DoctorStatus.Fail);
}
