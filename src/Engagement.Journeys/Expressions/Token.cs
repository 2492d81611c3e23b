namespace Engagement.Journeys.Expressions;

internal enum TokenKind { Number, String, Identifier, Operator, LeftParen, RightParen, LeftBracket, RightBracket, Comma, Dot, End, Error }

/// <summary>A lexical token of an expression.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset, double Number = 0);
