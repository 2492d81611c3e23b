using System.Globalization;
using System.Text;
using Engagement.Journeys.Runtime;

namespace Engagement.Journeys.Tests.Runtime;

public sealed class EnrollmentIdsTests
{
    public static TheoryData<string, int, string, string> Parts => new()
    {
        { "welcome", 1, "c0001234", "c0001234" },
        { "Win-Back Campaign", 12, "Cust_ÄÖ.42", "order#7" },
        { "birthday", -3, "", "" },
        { new string('j', 55), int.MaxValue, new string('C', 45), new string('k', 300) },
        { "complaint-recovery", 2, "客户-42", "😀 emoji key" },
        { "a", 0, "b", new string('é', 200) },
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public void For_GivesTheSameIdAsTheStringByStringDefinition(string journey, int version, string customer, string key) =>
        Assert.Equal(Reference(journey, version, customer, key), EnrollmentIds.For(journey, version, customer, key));

    [Fact]
    public void For_ManyGeneratedParts_MatchTheDefinition()
    {
        var alphabet = "aZ09-_ .#/é客😀".ToCharArray();
        var seed = 17u;
        for (var n = 0; n < 2000; n++)
        {
            var parts = new string[3];
            for (var p = 0; p < parts.Length; p++)
            {
                var length = (int)(Next(ref seed) % 60);
                var chars = new char[length];
                for (var i = 0; i < length; i++)
                {
                    chars[i] = alphabet[Next(ref seed) % (uint)alphabet.Length];
                }

                parts[p] = new string(chars);
            }

            var version = (int)Next(ref seed) - 1000;
            Assert.Equal(Reference(parts[0], version, parts[1], parts[2]), EnrollmentIds.For(parts[0], version, parts[1], parts[2]));
        }
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public void TryHashOf_AnIdForTheParts_GivesTheHashThatFormatsItAgain(string journey, int version, string customer, string key)
    {
        var id = EnrollmentIds.For(journey, version, customer, key);

        Assert.True(EnrollmentIds.TryHashOf(id, journey, version, customer, out var hash));
        Assert.Equal(ReferenceHash([journey, version.ToString(CultureInfo.InvariantCulture), customer, key]), hash);
        Assert.Equal(id, EnrollmentIds.Format(journey, version, customer, hash));
    }

    [Theory]
    [InlineData("welcome-v1-c1-00000000000000ff", true)]
    [InlineData("welcome-v1-c1-00000000000000FF", false)] // upper-case hex is not what Format writes
    [InlineData("welcome-v2-c1-00000000000000ff", false)]
    [InlineData("welcome-v1-c2-00000000000000ff", false)]
    [InlineData("welcome-v1-c1-0000000000000ff", false)]
    [InlineData("welcome-v1-c1-000000000000000g", false)]
    [InlineData("custom", false)]
    [InlineData("", false)]
    public void TryHashOf_OnlyAnIdInExactlyTheFormatOfTheseParts_GivesAHash(string id, bool expected)
    {
        Assert.Equal(expected, EnrollmentIds.TryHashOf(id, "welcome", 1, "c1", out var hash));
        Assert.Equal(expected ? 255UL : 0UL, hash);
    }

    [Theory]
    [InlineData("welcome-v1-c1-00000000000000ff", 255UL, true)]
    [InlineData("welcome-v1-c1-00000000000000ff", 254UL, false)]
    [InlineData("welcome-v1-c2-00000000000000ff", 255UL, false)]
    [InlineData("custom", 255UL, false)]
    public void Is_TheIdOfThesePartsAndHash_Only(string id, ulong hash, bool expected) =>
        Assert.Equal(expected, EnrollmentIds.Is(id, "welcome", 1, "c1", hash));

    [Fact]
    public void StableHash_OfFourSpans_EqualsTheHashOfTheFourStrings()
    {
        string[] parts = ["welcome", "1", "c1", new string('x', 400)];

        Assert.Equal(StableHash.Of(parts), StableHash.Of(parts[0].AsSpan(), parts[1], parts[2], parts[3]));
        Assert.Equal(StableHash.Of(parts), ReferenceHash(parts));
    }

    /// <summary>The id as first defined: strings joined one by one.</summary>
    private static string Reference(string journey, int version, string customer, string key)
    {
        var v = version.ToString(CultureInfo.InvariantCulture);
        return Sanitize(journey, 40) + "-v" + v + "-" + Sanitize(customer, 30) + "-" + ReferenceHash([journey, v, customer, key]).ToString("x16", CultureInfo.InvariantCulture);
    }

    private static string Sanitize(string text, int max) =>
        new(text.Take(max).Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    /// <summary>FNV-1a over each part's UTF-8 bytes, each part followed by the separator 0x1F.</summary>
    private static ulong ReferenceHash(string[] parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part).Append((byte)0x1F))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }
        }

        return hash;
    }

    private static uint Next(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
}
