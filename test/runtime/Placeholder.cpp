#include <gtest/gtest.h>
// Placeholder: runtime tests come with the runtime work.
TEST(SinkrtPlaceholder, Builds) { EXPECT_EQ(1 + 1, 2); }
