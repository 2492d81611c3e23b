using Engagement.Engine.InMemory;
using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using NodaTime;

namespace Engagement.Engine.Tests.Ports;

public sealed class NoPersonalDataEraserTests
{
    [Fact]
    public void EnginePorts_WithoutAnEraser_UseTheOneThatKeepsNothing()
    {
        var stores = new InMemoryStores();
        var queue = new VirtualTimeQueue();
        var ports = new EnginePorts(stores, stores, stores, stores, stores, queue, stores, queue, []);

        Assert.Same(NoPersonalDataEraser.Instance, ports.Eraser);
        Assert.Same(stores, (ports with { PersonalData = stores }).Eraser);
    }

    [Fact]
    public void EraseAsync_CompletesAtOnce()
    {
        var erase = NoPersonalDataEraser.Instance.EraseAsync("c1", Instant.FromUtc(2026, 3, 2, 2, 0), default);

        Assert.True(erase.IsCompletedSuccessfully);
    }
}
