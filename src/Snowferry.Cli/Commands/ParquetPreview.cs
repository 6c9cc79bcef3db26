using System.Globalization;
using ParquetSharp;

namespace Snowferry.Cli.Commands;

/// <summary>Reads the first rows of a Parquet file back as text, to show what landed in the bucket.</summary>
internal static class ParquetPreview
{
    public static (string[] Columns, List<string[]> Rows, long TotalRows) Read(byte[] file, int maxRows)
    {
        using var input = new MemoryStream(file, writable: false);
        using var reader = new ParquetFileReader(input);
        var metadata = reader.FileMetaData;
        var columns = Enumerable.Range(0, metadata.NumColumns).Select(i => metadata.Schema.Column(i).Name).ToArray();
        var rows = new List<string[]>();
        if (metadata.NumRowGroups > 0)
        {
            using var group = reader.RowGroup(0);
            var count = (int)Math.Min(maxRows, group.MetaData.NumRows);
            var cells = new string[columns.Length][];
            for (var c = 0; c < columns.Length; c++)
            {
                using var column = group.Column(c).LogicalReader();
                cells[c] = column.Apply(new FirstValues(count));
            }

            for (var r = 0; r < count; r++)
            {
                rows.Add(cells.Select(column => column[r]).ToArray());
            }
        }

        reader.Close();
        return (columns, rows, metadata.NumRows);
    }

    private sealed class FirstValues(int count) : ILogicalColumnReaderVisitor<string[]>
    {
        public string[] OnLogicalColumnReader<TElement>(LogicalColumnReader<TElement> columnReader)
        {
            var values = new TElement[count];
            var read = columnReader.ReadBatch(values);
            return values.Take(read).Select(Format).ToArray();
        }

        private static string Format<T>(T value) => value switch
        {
            null => "NULL",
            Date d => d.DateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
