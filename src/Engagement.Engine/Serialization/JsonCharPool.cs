using System.Buffers;
using Newtonsoft.Json;

namespace Engagement.Engine.Serialization;

/// <summary>Lends Newtonsoft.Json's readers and writers their character buffers from <see cref="ArrayPool{T}.Shared"/>
/// instead of a new array each (a reader's is 2 KB). A reader or writer gives them back when it is closed.</summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    /// <summary>The one instance.</summary>
    public static JsonCharPool Shared { get; } = new();

    private JsonCharPool()
    {
    }

    /// <inheritdoc/>
    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    /// <inheritdoc/>
    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
