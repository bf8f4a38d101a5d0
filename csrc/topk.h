// Placeholder until the exact top-k scorer lands (issue 5).
#pragma once
