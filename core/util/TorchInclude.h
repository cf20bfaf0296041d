#pragma once
// The one way core includes LibTorch. Qt defines `slots` as a macro, which breaks
// torch's headers (ivalue_inl.h) when Qt comes first; this guard makes the order irrelevant,
// so tests and tools may include internal torch headers after Qt Test.
#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")
