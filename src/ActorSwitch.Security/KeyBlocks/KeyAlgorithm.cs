namespace ActorSwitch.Security.KeyBlocks;

/// <summary>TR-31 header byte 7: the algorithm the wrapped key is for.</summary>
public enum KeyAlgorithm
{
    Aes = 'A',
    Des = 'D',
    EllipticCurve = 'E',
    Hmac = 'H',
    Rsa = 'R',
    Dsa = 'S',
    Tdes = 'T',
}
