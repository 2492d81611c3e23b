using System.Text;

namespace Engagement.Engine.Integrations;

/// <summary>Integrator bodies are UTF-8 (JSON requires it): anything else is refused whole, naming the first bad byte.</summary>
internal static class Utf8Body
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws <see cref="InboundFormatException"/> naming the first invalid byte (1-based) when <paramref name="body"/>
    /// is not valid UTF-8; returns otherwise. A byte order mark is allowed.</summary>
    public static void ThrowIfInvalid(ReadOnlySpan<byte> body)
    {
        try
        {
            _ = Strict.GetCharCount(body);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InboundFormatException($"The body is not valid UTF-8 (byte {Math.Max(ex.Index, 0) + 1}): send UTF-8 JSON.", ex);
        }
    }
}
