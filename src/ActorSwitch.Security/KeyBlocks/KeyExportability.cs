namespace ActorSwitch.Security.KeyBlocks;

/// <summary>TR-31 header byte 11: whether the wrapped key may leave under another key.</summary>
public enum KeyExportability
{
    /// <summary>Exportable under a key-encryption key in a trusted key block.</summary>
    Exportable = 'E',
    NonExportable = 'N',
    /// <summary>Exportable only under a key-encryption key in a non-key-block form.</summary>
    Sensitive = 'S',
}
