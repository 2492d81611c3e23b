using Engagement.Local.Security;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Hosting;

/// <summary>Key rotation without downtime (docs/security.md): the key file is re-read, new values use its current key at once,
/// and a background <see cref="KeyRotator"/> re-encrypts the rest.</summary>
public sealed partial class EmbeddedHost : IKeyRotation, IContactLookup
{
    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<string>> FindCustomersAsync(string kind, string value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_queries.CustomersByContact(kind, value));

    private readonly object _rotationLock = new();
    private KeyRotator? _rotator;
    private Task? _rotation;

    /// <inheritdoc/>
    public bool HasKeyFile => _options.Keys is not null;

    /// <inheritdoc/>
    public KeyRotationStatus RotationStatus => _rotator?.Status ?? KeyRotationStatus.Idle(_database.Protector.CurrentKeyId);

    /// <inheritdoc/>
    public KeyRotationStatus StartRotation()
    {
        if (_options.Keys is not { } configured)
        {
            throw new InvalidOperationException("This host runs without a key file (--insecure-plaintext): there is nothing to rotate.");
        }

        lock (_rotationLock)
        {
            if (_rotation is { IsCompleted: false })
            {
                return RotationStatus;
            }

            var file = KeyFile.Load(configured.Path);
            if (_database.Protector.KeyIds.FirstOrDefault(id => file.Keys.All(k => k.Id != id)) is { } lost)
            {
                throw new KeyFileException($"{file.Path}: key id {lost} is missing, and values may still be encrypted with it (engage keys add keeps the old keys; restore the file)");
            }

            if (!file.IndexKey.AsSpan().SequenceEqual(configured.IndexKey))
            {
                throw new KeyFileException($"{file.Path}: the index key changed; the contact index would no longer match (restore the file's indexKey)");
            }

            _database.Protector = FieldProtector.From(file);
            // The rotation itself is recorded by the caller (key.rotate, with who asked); the next start must not count it as a change.
            _writeGate.Wait();
            try
            {
                _queries.Read(s => s.Execute("INSERT INTO meta (key, value) VALUES ('key_seen', $v) ON CONFLICT DO UPDATE SET value = excluded.value", ("$v", file.Current)));
            }
            finally
            {
                _writeGate.Release();
            }

            _logger.LogInformation("Key file re-read: new values are encrypted with key {KeyId}", file.Current);
            StartRotator();
            return RotationStatus;
        }
    }

    /// <summary>At start: finishes a rotation that did not complete under the current key (or the first encryption of a plain-text file).</summary>
    private void ResumeRotation()
    {
        if (_options.Keys is null)
        {
            return;
        }

        lock (_rotationLock)
        {
            var rotator = new KeyRotator(_database, _writeGate, _logger);
            if (rotator.Needed())
            {
                StartRotator();
            }
        }
    }

    private void StartRotator()
    {
        _rotator = new KeyRotator(_database, _writeGate, _logger);
        var rotator = _rotator;
        _rotation = Task.Run(() => rotator.RunAsync(_stop.Token), CancellationToken.None);
    }

    private async Task StopRotationAsync()
    {
        if (_rotation is { } rotation)
        {
            await rotation.ConfigureAwait(false);
        }
    }
}
