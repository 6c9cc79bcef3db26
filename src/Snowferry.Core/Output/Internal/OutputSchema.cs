using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Output.Internal;

/// <summary>The schema checks every writer shares: once at creation, then once per batch.</summary>
internal static class OutputSchema
{
    /// <summary>Copies the schema after checking it has columns with distinct, non-empty names.</summary>
    public static OutputColumn[] Validate(IReadOnlyList<OutputColumn> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Count == 0)
        {
            throw new ArgumentException("An output schema needs at least one column.", nameof(schema));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in schema)
        {
            if (column is null || string.IsNullOrEmpty(column.Name))
            {
                throw new ArgumentException("Every output column needs a name.", nameof(schema));
            }

            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Output column '{column.Name}' appears twice.", nameof(schema));
            }

            if (column.Type == SnowflakeType.Fixed && column.Scale is < 0 or > SnowflakeDecimal.MaxScale)
            {
                throw new ArgumentException($"Output column '{column.Name}' has scale {column.Scale}; NUMBER allows 0..37.", nameof(schema));
            }
        }

        return [.. schema];
    }

    /// <summary>
    /// Throws unless the batch's first columns are the schema's, by name and type. Extra trailing columns (the plan's
    /// helper columns) are allowed. The column list of a result is shared by its batches, so it is checked once.
    /// </summary>
    public static void CheckBatch(OutputColumn[] schema, SnowflakeRowBatch batch, ref IReadOnlyList<SnowflakeColumn>? lastChecked)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (ReferenceEquals(batch.Columns, lastChecked))
        {
            return;
        }

        if (batch.Columns.Count < schema.Length)
        {
            throw new OutputDataException(
                $"The batch has {batch.Columns.Count} columns; the output schema needs its first {schema.Length} to be "
                + $"{string.Join(", ", schema.Select(c => c.Name))}.");
        }

        for (var i = 0; i < schema.Length; i++)
        {
            var actual = batch.Columns[i];
            if (!string.Equals(actual.Name, schema[i].Name, StringComparison.Ordinal) || actual.Type != schema[i].Type)
            {
                throw new OutputDataException(
                    $"Batch column {i} is {actual.Name} ({SnowflakeTypeNames.ToWireName(actual.Type)}); the output schema expects "
                    + $"{schema[i].Name} ({SnowflakeTypeNames.ToWireName(schema[i].Type)}).",
                    schema[i].Name,
                    i);
            }
        }

        lastChecked = batch.Columns;
    }
}
