#pragma once
// Public (plain C++): a port for a rendezvous on this machine.

namespace kg {

/// A TCP port on 127.0.0.1 that nobody listens on now (the kernel's choice; it is free again
/// as soon as this returns, so a rank should claim it soon). Throws kg::Error when the system
/// gives none.
int freeLocalPort();

} // namespace kg
