namespace VirtualMeet.Contracts;

/// <summary>Client methods that every hub may invoke, beside each hub's own client interface.</summary>
public static class HubClientMethods
{
    /// <summary>
    /// "Fetch your snapshots again" (no arguments). A node sends it to its connections after its Redis backplane
    /// recovered from a time in which pushes may have been lost. Clients call their join or watch methods again after
    /// a random delay of up to a few seconds, so that a whole audience does not ask at the same instant.
    /// </summary>
    public const string Resync = "Resync";
}
