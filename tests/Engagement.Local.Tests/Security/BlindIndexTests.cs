using Engagement.Local.Security;

namespace Engagement.Local.Tests.Security;

/// <summary>The contact blind index: normalised, keyed, and different per kind.</summary>
public sealed class BlindIndexTests
{
    private static readonly byte[] KeyA = Enumerable.Repeat((byte)1, 32).ToArray();
    private static readonly byte[] KeyB = Enumerable.Repeat((byte)2, 32).ToArray();

    [Fact]
    public void Hash_SameContactWrittenDifferently_IsTheSame()
    {
        var index = new BlindIndex(KeyA);

        Assert.Equal(index.Hash("email", "ann@example.com"), index.Hash("email", "  Ann@Example.COM "));
        Assert.Equal(index.Hash("phone", "+86 138-0000-0001"), index.Hash("phone", "+8613800000001"));
        Assert.NotEqual(index.Hash("phone", "+8613800000001"), index.Hash("phone", "8613800000001"));
    }

    [Fact]
    public void Hash_IsKeyedAndHoldsNoneOfTheContact()
    {
        var hash = new BlindIndex(KeyA).Hash("email", "ann@example.com")!;

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(hash, new BlindIndex(KeyB).Hash("email", "ann@example.com"));
        Assert.NotEqual(new BlindIndex(KeyA).Hash("email", "13800000001"), new BlindIndex(KeyA).Hash("phone", "13800000001"));
        Assert.Null(new BlindIndex(KeyA).Hash("email", "  "));
    }

    /// <summary>Contacts of every shape: the span-built hash must be what the string-built one was, or stored indexes would no
    /// longer find their customers.</summary>
    public static TheoryData<string, string?> Contacts() => new()
    {
        { "email", "ann@example.com" },
        { "email", "  Ann.Lee+Promo@Example.COM\t\n" },
        { "email", "İSTANBUL@ÖRNEK.COM.TR" },
        { "email", "用户@例子.广告" },
        { "email", "émilie@exemple.fr 😀" },
        { "email", new string('A', 300) + "@example.com" },
        { "email", "\u00a0nbsp@example.com\u2003" },
        { "email", "" },
        { "email", " \t " },
        { "email", null },
        { "phone", "+86 138-0000-0001" },
        { "phone", " (0)20 7946 0958 " },
        { "phone", "+" },
        { "phone", "no digits" },
        { "phone", "＋８６１３８" },
        { "phone", "+" + new string('9', 400) },
        { "phone", null },
        { "sms", "Mixed Case" },
    };

    [Theory]
    [MemberData(nameof(Contacts))]
    public void Hash_IsTheHmacOfTheKindAndTheNormalisedContact(string kind, string? value)
    {
        var expected = ReferenceHash(KeyA, kind, value);

        Assert.Equal(expected, new BlindIndex(KeyA).Hash(kind, value));
        Assert.Equal(ReferenceNormalise(kind, value), BlindIndex.Normalise(kind, value));
    }

    /// <summary>The index as first written, with strings: trim and lower-case, or a leading '+' and the ASCII digits.</summary>
    private static string? ReferenceNormalise(string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (kind == "phone")
        {
            var trimmed = value.Trim();
            var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
            return digits.Length == 0 ? null : (trimmed.StartsWith('+') ? "+" : string.Empty) + digits;
        }

        return value.Trim().ToLowerInvariant();
    }

    private static string? ReferenceHash(byte[] key, string kind, string? value) => ReferenceNormalise(kind, value) is { } normal
        ? Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(kind + ":" + normal)))
        : null;
}
