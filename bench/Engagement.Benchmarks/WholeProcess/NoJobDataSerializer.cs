using Quartz.Spi;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The object serializer of the <c>quartz-sqlite</c> run. Quartz's ADO job store must be given one, but it only
/// serializes non-empty job data maps and calendars, which the benchmark does not use: any call is a mistake and throws.
/// (Quartz's JSON serializers are separate packages, not served at 3.20.0; its binary one relies on BinaryFormatter.)
/// Public for Quartz, which creates it by type name.</summary>
public sealed class NoJobDataSerializer : IObjectSerializer
{
    /// <inheritdoc/>
    public void Initialize()
    {
    }

    /// <inheritdoc/>
    public byte[] Serialize<T>(T obj)
        where T : class => throw new NotSupportedException($"the benchmark stores no {typeof(T).Name} in Quartz");

    /// <inheritdoc/>
    public T? DeSerialize<T>(byte[] data)
        where T : class => throw new NotSupportedException($"the benchmark stores no {typeof(T).Name} in Quartz");
}
