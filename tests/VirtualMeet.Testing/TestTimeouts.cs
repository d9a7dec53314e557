namespace VirtualMeet.Testing;

/// <summary>Upper bounds for every await in tests: generous so a loaded 2-core CI machine passes, bounded so nothing hangs.</summary>
public static class TestTimeouts
{
    /// <summary>Waiting for a message, an ack or a state change that should come promptly.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    /// <summary>Waiting for recovery after Redis was killed and restarted, or for a process to start.</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);
}
