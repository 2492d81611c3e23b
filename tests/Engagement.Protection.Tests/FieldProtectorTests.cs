using Engagement.Protection;

namespace Engagement.Protection.Tests;

/// <summary>AES-256-GCM values with their key id: round trip, tampering, unknown keys, plain text, rotation.</summary>
public sealed class FieldProtectorTests : IDisposable
{
    private readonly TempFolder _files = new();

    public void Dispose() => _files.Dispose();

    private KeyFile NewKeys(string name = "keys.json") => KeyFile.CreateNew(Path.Combine(_files.Root, name));

    [Fact]
    public void Protect_ThenUnprotect_GivesTheValueBackAndStoresNoneOfIt()
    {
        using var protector = FieldProtector.From(NewKeys());
        const string plain = """{"email":"ann.lee@example.com","name":"安娜 Lee"}""";

        var stored = protector.Protect(plain)!;

        Assert.StartsWith("enc1:" + protector.CurrentKeyId + ":", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("ann.lee", stored, StringComparison.Ordinal);
        Assert.Equal(plain, protector.Unprotect(stored));
        Assert.NotEqual(stored, protector.Protect(plain));
        Assert.Null(protector.Protect(null));
    }

    [Fact]
    public void Protect_IntoASpan_WritesWhatUnprotectReadsInTheLengthItSaid()
    {
        using var protector = FieldProtector.From(NewKeys());
        foreach (var plain in new[] { string.Empty, "a", "ab", "abc", """{"email":"ann.lee@example.com","name":"安娜 Lee 🎉"}""", new string('x', 5000) })
        {
            var destination = new char[protector.ProtectedLength(plain) + 7];

            var written = protector.Protect(plain, destination);

            Assert.Equal(protector.ProtectedLength(plain), written);
            Assert.Equal(protector.Protect(plain)!.Length, written);
            Assert.Equal(plain, protector.Unprotect(new string(destination, 0, written)));
            Assert.All(destination[written..], c => Assert.Equal('\0', c));
        }
    }

    [Fact]
    public void Protect_IntoASpanTooShort_ThrowsAndWritesNothing()
    {
        using var protector = FieldProtector.From(NewKeys());
        var destination = new char[protector.ProtectedLength("secret") - 1];

        var error = Assert.Throws<ArgumentException>(() => protector.Protect("secret", destination));

        Assert.Contains("needs", error.Message, StringComparison.Ordinal);
        Assert.All(destination, c => Assert.Equal('\0', c));
    }

    [Fact]
    public void Protect_IntoASpanWithoutAKey_CopiesThePlainText()
    {
        var destination = new char[10];

        var written = FieldProtector.Plaintext.Protect("plain", destination);

        Assert.Equal(5, written);
        Assert.Equal(5, FieldProtector.Plaintext.ProtectedLength("plain"));
        Assert.Equal("plain", new string(destination, 0, written));
    }

    [Fact]
    public void Unprotect_ChangedCiphertext_ThrowsAClearError()
    {
        using var protector = FieldProtector.From(NewKeys());
        var stored = protector.Protect("phone +8613800000001")!;
        var bytes = Convert.FromBase64String(stored[(stored.LastIndexOf(':') + 1)..]);
        bytes[14] ^= 1;
        var tampered = stored[..(stored.LastIndexOf(':') + 1)] + Convert.ToBase64String(bytes);

        var error = Assert.Throws<ProtectedValueException>(() => protector.Unprotect(tampered));

        Assert.Contains("integrity check", error.Message, StringComparison.Ordinal);
        Assert.Contains(protector.CurrentKeyId!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_ValueMovedUnderAnotherKeyId_FailsItsIntegrityCheck()
    {
        var keys = KeyFile.AddKey(NewKeys().Path);
        using var protector = FieldProtector.From(keys);
        var stored = protector.Protect("ann@example.com")!;
        var relabelled = stored.Replace(keys.Current, keys.Keys[0].Id, StringComparison.Ordinal);

        Assert.Throws<ProtectedValueException>(() => protector.Unprotect(relabelled));
    }

    [Fact]
    public void Unprotect_UnknownKeyId_SaysWhichKeyIsMissing()
    {
        using var writer = FieldProtector.From(NewKeys("a.json"));
        using var reader = FieldProtector.From(NewKeys("b.json"));
        var stored = writer.Protect("ann@example.com")!;

        var error = Assert.Throws<ProtectedValueException>(() => reader.Unprotect(stored));

        Assert.Contains("key id " + writer.CurrentKeyId, error.Message, StringComparison.Ordinal);
        Assert.False(reader.TryUnprotect(stored, out _));
        Assert.Contains("no key file", Assert.Throws<ProtectedValueException>(() => FieldProtector.Plaintext.Unprotect(stored)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plaintext_WritesAndReadsPlainText_AndAKeyedProtectorReadsItToo()
    {
        using var protector = FieldProtector.From(NewKeys());

        Assert.Equal("ann@example.com", FieldProtector.Plaintext.Protect("ann@example.com"));
        Assert.Equal("ann@example.com", protector.Unprotect("ann@example.com"));
        Assert.False(protector.IsCurrent("ann@example.com"));
        Assert.True(FieldProtector.Plaintext.IsCurrent("ann@example.com"));
    }

    [Fact]
    public void AddedKey_BecomesCurrent_AndValuesUnderTheOldKeyStayReadable()
    {
        var first = NewKeys();
        using var before = FieldProtector.From(first);
        var old = before.Protect("ann@example.com")!;

        var rotated = KeyFile.AddKey(first.Path);
        using var after = FieldProtector.From(rotated);
        var fresh = after.Protect("ann@example.com")!;

        Assert.NotEqual(first.Current, rotated.Current);
        Assert.Equal("ann@example.com", after.Unprotect(old));
        Assert.False(after.IsCurrent(old));
        Assert.True(after.IsCurrent(fresh));
        Assert.Equal(rotated.Current, FieldProtector.KeyIdOf(fresh));
        Assert.Equal(first.IndexKey, rotated.IndexKey);
        Assert.Equal(first.UnsubscribeKey, rotated.UnsubscribeKey);
    }

    [Fact]
    public async Task Protect_FromManyThreads_RoundTripsEveryValue()
    {
        using var protector = FieldProtector.From(NewKeys());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(0, 500).All(i => protector.Unprotect(protector.Protect($"c{t}-{i}@example.com")) == $"c{t}-{i}@example.com"))));

        Assert.All(results, Assert.True);
    }
}
