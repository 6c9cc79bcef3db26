using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Snowferry.Output;

/// <summary>
/// The formats snowferry writes. Found once by reflection over this assembly's public sealed
/// <see cref="IOutputFormat"/> types, so adding a format is adding one type; the list is immutable after that.
/// </summary>
public static class OutputFormats
{
    private static readonly Lazy<IReadOnlyList<IOutputFormat>> s_all = new(Discover);

    /// <summary>The default format, Parquet.</summary>
    public static IOutputFormat Default => Find(ParquetOutputFormat.FormatName);

    /// <summary>Every format, ordered by name.</summary>
    public static IReadOnlyList<IOutputFormat> All => s_all.Value;

    /// <summary>The format called <paramref name="name"/> (case-insensitive, a leading dot allowed: <c>.csv</c>).</summary>
    /// <exception cref="ArgumentException">No such format; the message lists the valid names.</exception>
    public static IOutputFormat Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryFind(name, out var format)
            ? format
            : throw new ArgumentException(
                $"Unknown output format '{name}'. Valid formats: {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));
    }

    /// <summary>Looks a format up by name; false when there is none.</summary>
    public static bool TryFind(string? name, [NotNullWhen(true)] out IOutputFormat? format)
    {
        var key = name?.Trim().TrimStart('.');
        format = All.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Core is not trimmed; the formats are its own public types.")]
    private static IReadOnlyList<IOutputFormat> Discover() =>
        [.. typeof(IOutputFormat).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsSealed: true } && typeof(IOutputFormat).IsAssignableFrom(t)
                && t.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .Select(t => (IOutputFormat)Activator.CreateInstance(t)!)
            .OrderBy(f => f.Name, StringComparer.Ordinal)];
}
