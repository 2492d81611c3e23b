using System.Text;
using Engagement.Engine.Serialization;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json;

namespace Engagement.Cosmos;

/// <summary>
/// The Cosmos SDK serializer over Newtonsoft.Json with <see cref="EngineJson.Settings"/>, so typed SDK calls (patch values,
/// typed queries) write the same JSON as the stores' own documents: ISO-8601 instants, camel-case names and enums.
/// </summary>
public sealed class EngineCosmosSerializer : CosmosSerializer
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc />
    public override T FromStream<T>(Stream stream)
    {
        if (typeof(Stream).IsAssignableFrom(typeof(T)))
        {
            return (T)(object)stream;
        }

        using (stream)
        {
            using var reader = new JsonTextReader(new StreamReader(stream, Utf8)) { DateParseHandling = DateParseHandling.None };
            return EngineJson.Serializer.Deserialize<T>(reader)!;
        }
    }

    /// <inheritdoc />
    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, Utf8, bufferSize: 1024, leaveOpen: true))
        using (var json = new JsonTextWriter(writer))
        {
            EngineJson.Serializer.Serialize(json, input, typeof(T));
        }

        stream.Position = 0;
        return stream;
    }
}
