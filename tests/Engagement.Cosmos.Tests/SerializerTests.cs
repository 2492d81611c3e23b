using Engagement.Engine.Delivery;
using Engagement.Engine.Serialization;
using NodaTime;

namespace Engagement.Cosmos.Tests;

/// <summary>The SDK serializer writes the engine's JSON form.</summary>
public sealed class SerializerTests
{
    [Fact]
    public void Serializer_ARecord_RoundTripsInTheEngineJsonForm()
    {
        var serializer = new EngineCosmosSerializer();
        var entry = new LedgerEntry { Key = "e/s/1", CustomerId = "c", Journey = "j", Step = "s", Status = LedgerStatus.Sent, At = Instant.FromUtc(2026, 3, 1, 8, 0), SentAt = Instant.FromUtc(2026, 3, 1, 8, 0) + Duration.FromMilliseconds(5) };

        using var stream = serializer.ToStream(entry);
        var text = new StreamReader(stream).ReadToEnd();
        Assert.Equal(EngineJson.Serialize(entry), text);
        Assert.Contains("\"sentAt\":\"2026-03-01T08:00:00.005Z\"", text);
        Assert.Equal(entry, serializer.FromStream<LedgerEntry>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void Serializer_AskedForAStream_HandsItBackOpen()
    {
        var serializer = new EngineCosmosSerializer();
        var stream = new MemoryStream([1, 2, 3]);
        Assert.Same(stream, serializer.FromStream<Stream>(stream));
        Assert.True(stream.CanRead);
    }
}
