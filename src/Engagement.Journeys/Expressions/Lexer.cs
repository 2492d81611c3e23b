using System.Globalization;
using System.Text;

namespace Engagement.Journeys.Expressions;

/// <summary>Splits expression text into tokens; reports unterminated strings and stray characters.</summary>
internal static class Lexer
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "="];

    /// <summary>The tokens of <paramref name="text"/>, always ending with an end token; unterminated strings and stray
    /// characters are added to <paramref name="errors"/> with their offsets.</summary>
    public static List<Token> Tokenize(string text, List<ExpressionError> errors)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                var s = text[start..i];
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                {
                    tokens.Add(new Token(TokenKind.Number, s, start, n));
                }
                else
                {
                    errors.Add(new(start, i - start, $"'{s}' is not a number: expected digits with at most one decimal point, e.g. 12.5"));
                }
            }
            else if (c is '\'' or '"')
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        sb.Append(text[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                        i += 2;
                    }
                    else if (text[i] == c)
                    {
                        closed = true;
                        i++;
                        break;
                    }
                    else
                    {
                        sb.Append(text[i++]);
                    }
                }

                if (!closed)
                {
                    errors.Add(new(start, text.Length - start, $"unterminated text: expected a closing {c}"));
                }

                tokens.Add(new Token(TokenKind.String, sb.ToString(), start));
            }
            else if (char.IsLetter(c) || c == '_' || c == '$')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else if (Operators.FirstOrDefault(op => string.CompareOrdinal(text, i, op, 0, op.Length) == 0) is { } op)
            {
                i += op.Length;
                tokens.Add(new Token(TokenKind.Operator, op, start));
            }
            else
            {
                var kind = c switch
                {
                    '(' => TokenKind.LeftParen,
                    ')' => TokenKind.RightParen,
                    '[' => TokenKind.LeftBracket,
                    ']' => TokenKind.RightBracket,
                    ',' => TokenKind.Comma,
                    '.' => TokenKind.Dot,
                    _ => TokenKind.Error,
                };
                if (kind == TokenKind.Error)
                {
                    errors.Add(new(start, 1, $"unexpected character '{c}': expected a value, an operator (== != < <= > >= && || ! in + - * /) or a parenthesis"));
                }
                else
                {
                    tokens.Add(new Token(kind, c.ToString(), start));
                }

                i++;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
        return tokens;
    }
}
