namespace Snowferry.LocalSnowflake.Engine.Sql;

/// <summary>COPY INTO an external location (an unload): the target URL, the query, and the options as written.</summary>
internal sealed partial class Parser
{
    private CopyIntoLocationStatement CopyInto()
    {
        var start = Advance();
        Expect("INTO");
        if (Current.Kind != TokenKind.String)
        {
            // COPY INTO <table> (a load) and COPY INTO @stage are outside this engine.
            throw NotImplementedHere(Current.IsSymbol("@") ? "COPY INTO @stage" : "COPY INTO <table>");
        }

        var location = Advance().Text;
        Expect("FROM");
        if (!Accept("("))
        {
            throw NotImplementedHere("COPY INTO <location> FROM <table> (write FROM (SELECT ...))");
        }

        var query = Query();
        Expect(")");
        var options = new List<CopyOption>();
        while (Current.Kind == TokenKind.Identifier)
        {
            options.Add(CopyOptionItem());
        }

        return new CopyIntoLocationStatement(SpanFrom(start), location, query, options);
    }

    private CopyOption CopyOptionItem()
    {
        var start = Current;
        var name = Advance().Text;
        Expect("=");
        var valueStart = Current;
        CopyValue value;
        if (Accept("("))
        {
            if (Current.Kind == TokenKind.String)
            {
                var strings = new List<string>();
                do
                {
                    if (Current.Kind != TokenKind.String)
                    {
                        throw Unexpected();
                    }

                    strings.Add(Advance().Text);
                }
                while (Accept(","));

                Expect(")");
                value = new CopyValue(SpanFrom(valueStart), TokenKind.String, strings.Count > 0 ? strings[0] : "", Strings: strings);
            }
            else
            {
                var nested = new List<CopyOption>();
                while (!Accept(")"))
                {
                    if (Current.Kind != TokenKind.Identifier)
                    {
                        throw Unexpected();
                    }

                    nested.Add(CopyOptionItem());
                    Accept(",");
                }

                value = new CopyValue(SpanFrom(valueStart), TokenKind.Symbol, "(", Options: nested);
            }
        }
        else if (Current.Kind is TokenKind.String or TokenKind.Number or TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            var token = Advance();
            value = new CopyValue(SpanFrom(valueStart), token.Kind, token.Text);
        }
        else
        {
            throw Unexpected();
        }

        return new CopyOption(SpanFrom(start), name, value);
    }
}
