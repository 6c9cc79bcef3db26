namespace Snowferry.Service.Allowlists;

/// <summary>Whether a client may read a table or write to a destination; when not, why (the <c>detail</c> of a <c>403</c>).</summary>
public sealed record AllowlistDecision
{
    private AllowlistDecision(bool isAllowed, string? reason)
    {
        IsAllowed = isAllowed;
        Reason = reason;
    }

    /// <summary>The request is allowed.</summary>
    public static AllowlistDecision Allowed { get; } = new(true, null);

    /// <summary>True when the request is allowed.</summary>
    public bool IsAllowed { get; }

    /// <summary>Why the request is refused, naming what was asked and what is allowed; null when allowed.</summary>
    public string? Reason { get; }

    /// <summary>A refusal for <paramref name="reason"/>.</summary>
    public static AllowlistDecision Refused(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new AllowlistDecision(false, reason);
    }
}
