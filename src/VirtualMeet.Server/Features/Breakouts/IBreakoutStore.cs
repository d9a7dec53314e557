namespace VirtualMeet.Server.Features.Breakouts;

/// <summary>
/// What breakouts keep beyond presence and chat: the ordered queue of raised hands per room (each change one
/// atomic step with a version), the external video link per session, the event's closing deadline, and who a
/// moderator moved into a registration-only breakout.
/// </summary>
internal interface IBreakoutStore
{
    /// <summary>Appends the attendee to the queue; <see cref="HandsUpdate.Changed"/> is false when the hand was up already.</summary>
    Task<HandsUpdate> RaiseHandAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken);

    /// <summary>Takes the attendee out of the queue; unchanged when the hand was not up.</summary>
    Task<HandsUpdate> LowerHandAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken);

    Task<HandsUpdate> GetHandsAsync(string eventId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Sets the session's video link; <c>null</c> removes it.</summary>
    Task SetVideoUrlAsync(string eventId, string sessionId, string? url, CancellationToken cancellationToken);

    Task<string?> GetVideoUrlAsync(string eventId, string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Admits the attendee to a registration-only breakout without a registration, because a moderator moved them
    /// there. Kept until the event is purged or the attendee erased.
    /// </summary>
    Task AdmitAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken);

    Task<bool> IsAdmittedAsync(string eventId, string sessionId, string attendeeId, CancellationToken cancellationToken);

    /// <summary>Starts (or moves) the countdown of the event's breakouts.</summary>
    Task SetClosingAsync(string eventId, DateTimeOffset closesAt, CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetClosingAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the countdown that was due at <paramref name="closesAt"/>. Exactly one caller of all nodes gets
    /// <c>true</c> and tells everyone to return to the stage; a countdown moved meanwhile is left alone.
    /// </summary>
    Task<bool> TryCompleteClosingAsync(string eventId, DateTimeOffset closesAt, CancellationToken cancellationToken);
}

/// <summary>The raised hands in order, with the queue's version.</summary>
internal sealed record HandsUpdate(bool Changed, long Version, IReadOnlyList<string> RaisedHands);
