namespace Snowferry.Destinations.Internal;

/// <summary>
/// The size of each multipart part. S3 allows 10,000 parts per upload, so fixed 8 MiB parts would cap an object at
/// 78 GiB; the size doubles every 1,000 parts instead, up to 64 MiB, which keeps small outputs in small parts and
/// memory bounded ((parts in flight + 1) × 64 MiB at worst) while one object can reach ~500 GiB from 8 MiB parts.
/// Larger outputs are the unload path's (docs/SCALING.md).
/// </summary>
internal static class PartSizes
{
    /// <summary>S3's limit on parts per multipart upload.</summary>
    public const int MaxParts = 10_000;

    private const int PartsPerStep = 1_000;
    private const int GrowthCap = 64 * 1024 * 1024;

    /// <summary>The size of part <paramref name="partNumber"/> (from 1) of an upload that starts at <paramref name="basePartSize"/>.</summary>
    public static int For(int partNumber, int basePartSize)
    {
        var cap = Math.Max(basePartSize, GrowthCap);
        var size = (long)basePartSize << Math.Min((partNumber - 1) / PartsPerStep, 30);
        return (int)Math.Min(size, cap);
    }

    /// <summary>The most bytes one upload holds: every part at its size, the last included.</summary>
    public static long MaxBytes(int basePartSize)
    {
        long total = 0;
        for (var part = 1; part <= MaxParts; part++)
        {
            total += For(part, basePartSize);
        }

        return total;
    }
}
