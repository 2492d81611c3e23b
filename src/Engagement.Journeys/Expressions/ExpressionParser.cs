using Engagement.Journeys.Values;

namespace Engagement.Journeys.Expressions;

/// <summary>Precedence-climbing parser: <c>|| &lt; &amp;&amp; &lt; == != &lt; &lt; &lt;= &gt; &gt;= in &lt; + - &lt; * / % &lt; ! -</c>.</summary>
internal sealed class ExpressionParser
{
    internal static readonly string[] Roots = ["profile", "event", "enrollment"];
    private readonly List<Token> _tokens;
    private readonly List<ExpressionError> _errors;
    private readonly List<string> _paths = [];
    private int _position;

    private ExpressionParser(List<Token> tokens, List<ExpressionError> errors)
    {
        _tokens = tokens;
        _errors = errors;
    }

    /// <summary>Parses <paramref name="text"/> into a tree and the field paths it reads (<c>root.a.b</c> as written), adding
    /// every problem to <paramref name="errors"/> with its offset; the root is null for an empty condition, and is not to be
    /// used when errors were added.</summary>
    public static (Node? Root, List<string> Paths) Parse(string text, List<ExpressionError> errors)
    {
        var tokens = Lexer.Tokenize(text, errors);
        var parser = new ExpressionParser(tokens, errors);
        if (tokens.Count == 1)
        {
            errors.Add(new(0, Math.Max(1, text.Length), "empty condition: expected an expression such as profile.tier == 'Gold'"));
            return (null, parser._paths);
        }

        var root = parser.ParseBinary(0);
        if (parser.Current.Kind != TokenKind.End && errors.Count == 0)
        {
            var t = parser.Current;
            errors.Add(new(t.Offset, Math.Max(1, t.Text.Length), $"unexpected '{t.Text}' after a complete expression: expected an operator such as && or ||, or the end"));
        }

        return (root, parser._paths);
    }

    private Token Current => _tokens[_position];

    private static int Precedence(Token t) => t.Kind switch
    {
        TokenKind.Operator => t.Text switch
        {
            "||" => 1,
            "&&" => 2,
            "==" or "!=" or "=" => 3,
            "<" or "<=" or ">" or ">=" => 4,
            "+" or "-" => 5,
            "*" or "/" or "%" => 6,
            _ => -1,
        },
        TokenKind.Identifier => t.Text switch { "or" => 1, "and" => 2, "in" => 4, _ => -1 },
        _ => -1,
    };

    private Node? ParseBinary(int minimum)
    {
        var left = ParseUnary();
        while (left is not null && Precedence(Current) is var p && p > minimum)
        {
            var op = Current;
            _position++;
            if (op.Text == "=")
            {
                _errors.Add(new(op.Offset, 1, "'=' is not a comparison: did you mean '=='?"));
            }

            var right = ParseBinary(p);
            if (right is null)
            {
                return null;
            }

            left = op.Text switch
            {
                "||" or "or" => new OrNode(left, right),
                "&&" or "and" => new AndNode(left, right),
                "=" => new BinaryNode("==", left, right),
                _ => new BinaryNode(op.Text, left, right),
            };
        }

        return left;
    }

    private Node? ParseUnary()
    {
        var t = Current;
        if (t.Text is "!" or "not" && t.Kind is TokenKind.Operator or TokenKind.Identifier)
        {
            _position++;
            return ParseUnary() is { } operand ? new NotNode(operand) : null;
        }

        if (t is { Kind: TokenKind.Operator, Text: "-" })
        {
            _position++;
            return ParseUnary() is { } operand ? new NegateNode(operand) : null;
        }

        return ParsePrimary();
    }

    private Node? ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                _position++;
                return new LiteralNode(Value.FromNumber(t.Number));
            case TokenKind.String:
                _position++;
                return new LiteralNode(Value.FromString(t.Text));
            case TokenKind.LeftParen:
                _position++;
                var inner = ParseBinary(0);
                return inner is not null && Expect(TokenKind.RightParen, "')' to close the '(' at " + (t.Offset + 1)) ? inner : null;
            case TokenKind.LeftBracket:
                return ParseList();
            case TokenKind.Identifier:
                return ParseIdentifier();
            default:
                _errors.Add(new(t.Offset, Math.Max(1, t.Text.Length),
                    t.Kind == TokenKind.End
                        ? "the expression ends too early: expected a value (a literal, a path like profile.tier, or a function call)"
                        : $"unexpected '{t.Text}': expected a value (a literal, a path like profile.tier, or a function call)"));
                return null;
        }
    }

    private Node? ParseList()
    {
        _position++;
        var items = new List<Node>();
        while (Current.Kind != TokenKind.RightBracket)
        {
            var item = ParseBinary(0);
            if (item is null)
            {
                return null;
            }

            items.Add(item);
            if (Current.Kind == TokenKind.Comma)
            {
                _position++;
            }
            else if (Current.Kind != TokenKind.RightBracket)
            {
                Expect(TokenKind.RightBracket, "',' or ']' in the list");
                return null;
            }
        }

        _position++;
        return items.All(i => i is LiteralNode)
            ? new LiteralNode(Value.FromList(items.Select(i => ((LiteralNode)i).Value)))
            : new ListNode([.. items]);
    }

    private Node? ParseIdentifier()
    {
        var t = Current;
        _position++;
        switch (t.Text)
        {
            case "true": return new LiteralNode(Value.True);
            case "false": return new LiteralNode(Value.False);
            case "null": return new LiteralNode(Value.Null);
        }

        if (Current.Kind == TokenKind.LeftParen)
        {
            return ParseCall(t);
        }

        if (!Roots.Contains(t.Text))
        {
            var hint = Suggestions.Closest(t.Text, Roots.Concat(Functions.Arity.Keys));
            _errors.Add(new(t.Offset, t.Text.Length, $"unknown name '{t.Text}': expected one of: profile, event, enrollment (then .attribute), a function, true, false or null{(hint is null ? string.Empty : $" — did you mean '{hint}'?")}"));
            return null;
        }

        var path = new List<string>();
        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                _position++;
                if (Current.Kind != TokenKind.Identifier)
                {
                    _errors.Add(new(Current.Offset, Math.Max(1, Current.Text.Length), $"expected an attribute name after '{t.Text}.'"));
                    return null;
                }

                path.Add(Current.Text);
                _position++;
            }
            else if (Current.Kind == TokenKind.LeftBracket && _tokens[_position + 1].Kind == TokenKind.String)
            {
                path.Add(_tokens[_position + 1].Text);
                _position += 2;
                if (!Expect(TokenKind.RightBracket, "']' after the attribute name"))
                {
                    return null;
                }
            }
            else
            {
                break;
            }
        }

        _paths.Add(path.Count == 0 ? t.Text : t.Text + "." + string.Join('.', path));
        return new PathNode(t.Text, [.. path]);
    }

    private Node? ParseCall(Token name)
    {
        _position++;
        var args = new List<Node>();
        while (Current.Kind != TokenKind.RightParen)
        {
            var arg = ParseBinary(0);
            if (arg is null)
            {
                return null;
            }

            args.Add(arg);
            if (Current.Kind == TokenKind.Comma)
            {
                _position++;
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                Expect(TokenKind.RightParen, $"',' or ')' in the call to {name.Text}");
                return null;
            }
        }

        _position++;
        if (!Functions.Arity.TryGetValue(name.Text, out var arity))
        {
            var hint = Suggestions.Closest(name.Text, Functions.Arity.Keys);
            _errors.Add(new(name.Offset, name.Text.Length, $"unknown function '{name.Text}': expected one of {string.Join(", ", Functions.Arity.Keys)}{(hint is null ? string.Empty : $" — did you mean '{hint}'?")}"));
            return null;
        }

        if (args.Count < arity.Min || args.Count > arity.Max)
        {
            var expected = arity.Min == arity.Max ? $"{arity.Min}" : $"{arity.Min} to {arity.Max}";
            _errors.Add(new(name.Offset, name.Text.Length, $"{name.Text} takes {expected} argument(s), not {args.Count}"));
            return null;
        }

        return new CallNode(name.Text, [.. args]);
    }

    private bool Expect(TokenKind kind, string what)
    {
        if (Current.Kind == kind)
        {
            _position++;
            return true;
        }

        _errors.Add(new(Current.Offset, Math.Max(1, Current.Text.Length),
            Current.Kind == TokenKind.End ? $"the expression ends too early: expected {what}" : $"unexpected '{Current.Text}': expected {what}"));
        return false;
    }
}
