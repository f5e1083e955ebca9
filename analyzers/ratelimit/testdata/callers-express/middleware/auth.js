const jwt = require("jsonwebtoken");

// A JWT check: jwt.verify throws on a bad token.
function checkToken(req, res, next) {
  req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET);
  next();
}

// Looks at the token but lets everyone through.
function readToken(req, res, next) {
  if (req.headers.authorization) {
    req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET);
  }
  next();
}

module.exports = { checkToken, readToken };
