using Snowferry.Destinations;

namespace Snowferry.Service.Allowlists;

/// <summary>
/// The destination half of <see cref="Allowlist"/>: computes the keys a transfer could write (<see cref="LibraryKeys"/>)
/// and refuses the request unless each is under an allowed pattern and safe for every reader (<see cref="KeySegments"/>).
/// Each input is checked on its own first, so a refusal names the part of the request at fault.
/// </summary>
internal static class DestinationCheck
{
    public static AllowlistDecision Run(IReadOnlyList<DestinationPattern> allowed, string destination, string? keyPrefix, string? keyTemplate, QualifiedTable table)
    {
        DestinationAddress address;
        try
        {
            address = TransferDestinations.Parse(destination);
        }
        catch (DestinationException e)
        {
            throw new AllowlistException(e.Message, e);
        }

        var list = allowed.Count == 0 ? "none: AllowedDestinations is empty" : string.Join(", ", allowed.Select(d => d.ToString()));
        if (address.Kind != DestinationKind.S3)
        {
            return Refuse($"The service writes only to S3, not to the local folder '{NameReader.Printable(destination.Trim())}': give s3://bucket/prefix/ under one of this client's allowed destinations ({list}).");
        }

        if (KeySegments.ProblemIn(address.Prefix) is { } inDestination)
        {
            return Refuse($"The destination {address} has {inDestination} in its prefix: {KeySegments.Rule}.");
        }

        if (!string.IsNullOrWhiteSpace(keyPrefix) && KeySegments.ProblemIn(keyPrefix) is { } inPrefix)
        {
            return Refuse($"The prefix '{NameReader.Printable(keyPrefix)}' has {inPrefix}: {KeySegments.Rule}.");
        }

        string? expanded = null;
        if (!string.IsNullOrWhiteSpace(keyTemplate))
        {
            try
            {
                expanded = LibraryKeys.ExpandTemplate(keyTemplate, table);
            }
            catch (ArgumentException e)
            {
                throw new AllowlistException(e.Message, e);
            }

            if (KeySegments.ProblemIn(expanded) is { } inTemplate)
            {
                return Refuse($"The key template '{NameReader.Printable(keyTemplate)}' gives '{NameReader.Printable(expanded)}' for the table {table}, which has {inTemplate}: {KeySegments.Rule}.");
            }
        }
        else if (KeySegments.Problem(LibraryKeys.TableSegment(table.Name)) is { } inTable)
        {
            return Refuse($"The default key names the folder and file after the table, and the table {table} makes {inTable}: {KeySegments.Rule}. " +
                "Set a key_template that does not use {table}, e.g. exports/{date:yyyy-MM}/data.{ext}.");
        }

        var keyFolder = LibraryKeys.KeyPrefix(address.Prefix, keyPrefix);
        foreach (var key in LibraryKeys.All(keyFolder, expanded, table))
        {
            // Each input was checked above; this guards the keys as the library joins them, whatever slipped through.
            if (KeySegments.ProblemIn(key) is { } inKey)
            {
                return Refuse($"The object key s3://{address.Bucket}/{NameReader.Printable(key)} has {inKey}: {KeySegments.Rule}.");
            }

            if (!allowed.Any(d => d.Contains(address.Bucket!, key)))
            {
                var request = $"The destination {NameReader.Printable(destination.Trim())}"
                    + (string.IsNullOrWhiteSpace(keyPrefix) ? "" : $" with prefix '{keyPrefix}'")
                    + (expanded is null ? "" : $" and key template '{keyTemplate}'");
                var folder = key.LastIndexOf('/') is var slash and >= 0 ? key[..(slash + 1)] : "";
                return Refuse($"{request} writes under s3://{address.Bucket}/{NameReader.Printable(folder)}, which is not under any of this " +
                    $"client's allowed destinations ({list}): write to a destination under one of them.");
            }
        }

        return AllowlistDecision.Allowed;
    }

    private static AllowlistDecision Refuse(string reason) => AllowlistDecision.Refused(reason);
}
