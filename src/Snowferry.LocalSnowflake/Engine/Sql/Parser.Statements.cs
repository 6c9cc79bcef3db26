namespace Snowferry.LocalSnowflake.Engine.Sql;

/// <summary>CREATE TABLE and INSERT: column definitions, VALUES rows, INSERT ... SELECT.</summary>
internal sealed partial class Parser
{
    private CreateTableStatement CreateTable()
    {
        var orReplace = false;
        if (Accept("OR"))
        {
            Expect("REPLACE");
            orReplace = true;
        }

        if (Current.Is("TEMPORARY") || Current.Is("TEMP") || Current.Is("TRANSIENT") || Current.Is("VOLATILE") || Current.Is("LOCAL") || Current.Is("GLOBAL"))
        {
            throw NotImplementedHere("CREATE " + Current.Text + " TABLE");
        }

        if (!Accept("TABLE"))
        {
            throw NotImplementedHere("CREATE " + Current.Text);
        }

        var ifNotExists = false;
        if (Accept("IF"))
        {
            Expect("NOT");
            Expect("EXISTS");
            ifNotExists = true;
        }

        var name = ObjectName();
        var columns = new List<ColumnDefinition>();
        Query? asQuery = null;
        if (Accept("("))
        {
            do
            {
                var start = Current;
                var columnName = Identifier();
                var type = TypeName();
                var nullable = true;
                while (true)
                {
                    if (Accept("NOT"))
                    {
                        Expect("NULL");
                        nullable = false;
                    }
                    else if (Accept("NULL"))
                    {
                        nullable = true;
                    }
                    else if (Current.Is("DEFAULT") || Current.Is("PRIMARY") || Current.Is("UNIQUE") || Current.Is("COLLATE") ||
                        Current.Is("AUTOINCREMENT") || Current.Is("IDENTITY") || Current.Is("REFERENCES") || Current.Is("COMMENT"))
                    {
                        throw NotImplementedHere("column " + Current.Text);
                    }
                    else
                    {
                        break;
                    }
                }

                columns.Add(new ColumnDefinition(SpanFrom(start), columnName, type, nullable));
            }
            while (Accept(","));

            Expect(")");
        }

        if (Accept("AS"))
        {
            asQuery = Query();
        }

        if (columns.Count == 0 && asQuery is null)
        {
            throw Unexpected();
        }

        if (columns.Count > 0 && asQuery is not null)
        {
            throw NotImplementedHere("CREATE TABLE (columns) AS SELECT");
        }

        return new CreateTableStatement(name, orReplace, ifNotExists, columns, asQuery);
    }

    private InsertStatement Insert()
    {
        if (Current.Is("OVERWRITE") || Current.Is("ALL") || Current.Is("FIRST"))
        {
            throw NotImplementedHere("INSERT " + Current.Text);
        }

        Expect("INTO");
        var name = ObjectName();
        List<(string, SourceSpan)>? columns = null;
        if (Current.IsSymbol("(") && !(Peek().Is("SELECT") || Peek().Is("WITH")))
        {
            Advance();
            columns = [];
            do
            {
                var start = Current;
                columns.Add((Identifier(), SpanFrom(start)));
            }
            while (Accept(","));

            Expect(")");
        }

        if (Accept("VALUES"))
        {
            var rows = new List<IReadOnlyList<Expr>>();
            do
            {
                Expect("(");
                var row = new List<Expr>();
                do
                {
                    row.Add(Expression());
                }
                while (Accept(","));

                Expect(")");
                rows.Add(row);
            }
            while (Accept(","));

            return new InsertStatement(name, columns, rows, null);
        }

        return new InsertStatement(name, columns, null, Query());
    }
}
