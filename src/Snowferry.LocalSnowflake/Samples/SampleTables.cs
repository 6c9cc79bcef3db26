using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Samples;

/// <summary>
/// The contract's three sample tables (<c>LOCATIONS_595</c>, <c>ORDERS_100K</c>, <c>MOVIE_RATINGS_27M</c>) in the
/// <c>PUBLIC</c> schema, generated inside DuckDB from a fixed seed, so every run holds the same rows.
/// </summary>
public static class SampleTables
{
    /// <summary>Rows of <c>MOVIE_RATINGS_27M</c> at scale 1.</summary>
    public const long MovieRatingsFullRowCount = 27_753_444;

    /// <summary>The schema the sample tables live in.</summary>
    public const string Schema = "PUBLIC";

    /// <summary>Creates (or replaces) the three tables; <paramref name="scale"/> in (0, 1] scales MOVIE_RATINGS_27M only.</summary>
    public static void Create(LocalEngine engine, double scale, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>True when the three tables already exist (a <c>--data</c> file from an earlier run).</summary>
    public static bool Exist(LocalEngine engine) => throw new NotImplementedException();
}
