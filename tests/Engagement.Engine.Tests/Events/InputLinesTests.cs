using System.Text;
using Engagement.Engine.Events;

namespace Engagement.Engine.Tests.Events;

public class InputLinesTests
{
    private const string Good = """{"id":"e1","type":"order.placed","customerId":"c1","time":"2026-03-01T09:00:00Z","data":{"n":"é"}}""";

    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p)];

    [Fact]
    public void Read_ALineWithInvalidUtf8_IsRefusedByTheEventParserAndTheOtherLinesAreRead()
    {
        var bad = "{\"id\":\"e2\",\"type\":\"order.placed\",\"customerId\":\"c1\",\"time\":\"2026-03-01T09:00:00Z\",\"data\":{\"n\":\"";
        using var stream = new MemoryStream(Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, Good, "\r\n", bad, new byte[] { 0xFF, 0xFE }, "\"}}\n", Good, "\n"));

        var lines = InputLines.Read(stream).ToList();

        Assert.Equal(3, lines.Count);
        Assert.True(EventParser.TryParse(lines[0], out var first, out _, out var accepted), accepted);
        Assert.Equal("é", first!.Data["n"].AsString());
        Assert.False(EventParser.TryParse(lines[1], out _, out var field, out var error));
        Assert.Null(field);
        Assert.StartsWith("not valid UTF-8 at character 95", error, StringComparison.Ordinal);
        Assert.True(EventParser.TryParse(lines[2], out _, out _, out _));
    }
}
